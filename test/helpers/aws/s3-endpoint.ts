// Local S3 for tests: a real S3-compatible server (s3rver, in a child process started with
// --openssl-legacy-provider, which its ListObjectsV2 continuation tokens need) behind a small
// front server on 127.0.0.1 that records every request, answers the bucket-control operations
// s3rver lacks (public access block, bucket policy, policy status), denies chosen prefixes with
// AccessDenied, and passes everything else through unchanged.
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { headersOf, listenOnLoopback, nextRequestId, readBody, sigV4Scope } from './local-server';
import {
  BucketControls,
  CONTROL_SUBRESOURCES,
  errorXml,
  s3OperationOf,
  S3Error,
  type PublicAccessBlockConfig,
} from './s3-control';
import { startS3rverProcess } from './s3rver-process';
import {
  bucketExists,
  direct,
  objectPath,
  toStoredBytes,
  upstreamAgent,
  writeStoredObject,
  type PutObjectOptions,
} from './s3rver-store';

export type { PutObjectOptions } from './s3rver-store';

export interface S3EndpointOptions {
  /** Buckets created before start returns. Any access key is accepted (s3rver checks no signatures). */
  buckets?: readonly string[];
}

export interface RecordedS3Request {
  /** e.g. ListObjectsV2, GetObject, PutPublicAccessBlock, GetBucketPolicyStatus. */
  operation: string;
  method: string;
  /** Path and query as sent. */
  url: string;
  bucket: string | undefined;
  key: string | undefined;
  query: Record<string, string>;
  headers: Record<string, string>;
  region: string | undefined;
  accessKeyId: string | undefined;
  status: number;
  errorCode?: string;
  /** Who answered: the in-memory bucket controls, a deny rule, or s3rver. */
  answeredBy: 'control' | 'deny' | 's3rver';
  /** Request body text, kept for control operations only (object bodies are not buffered). */
  body?: string;
}

export interface S3Endpoint {
  /** The front server: give this to `clientConfig(url)`. */
  url: string;
  /** s3rver itself, bypassing recording, controls and deny rules. */
  s3rverUrl: string;
  readonly requests: RecordedS3Request[];
  createBucket(name: string): Promise<void>;
  /** Stores an object through s3rver's HTTP API (not recorded); returns the bytes stored. */
  putObject(
    bucket: string,
    key: string,
    body: string | Uint8Array,
    options?: PutObjectOptions,
  ): Promise<Buffer>;
  /** Bulk seeding straight into s3rver's store on disk (fast for thousands of keys). */
  putObjects(
    bucket: string,
    objects: ReadonlyArray<{ key: string; body: string | Uint8Array } & PutObjectOptions>,
  ): Promise<void>;
  /** Object requests for keys under the prefix, and listings whose Prefix is under it, get 403 AccessDenied. */
  denyPrefix(bucket: string, prefix: string): void;
  clearDenials(): void;
  publicAccessBlock(bucket: string): PublicAccessBlockConfig | undefined;
  bucketPolicy(bucket: string): string | undefined;
  setBucketPolicy(bucket: string, policy: string | object): void;
  stop(): Promise<void>;
}

export async function startS3Endpoint(options: S3EndpointOptions = {}): Promise<S3Endpoint> {
  const s3rver = await startS3rverProcess();
  try {
    const { port: upstreamPort, directory } = s3rver;
    const controls = new BucketControls();
    const denials: Array<{ bucket: string; prefix: string }> = [];
    const requests: RecordedS3Request[] = [];

    const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const url = new URL(req.url ?? '/', 'http://local');
      const [bucketPart, ...keyParts] = url.pathname.slice(1).split('/');
      const bucket = bucketPart ? decodeURIComponent(bucketPart) : undefined;
      const key =
        keyParts.length > 0 && keyParts.join('/') !== ''
          ? decodeURIComponent(keyParts.join('/'))
          : undefined;
      const headers = headersOf(req);
      const method = req.method ?? 'GET';
      const scope = sigV4Scope(headers.authorization);
      const entry: RecordedS3Request = {
        operation: s3OperationOf(method, bucket, key, url.searchParams, headers),
        method,
        url: req.url ?? '/',
        bucket,
        key,
        query: Object.fromEntries(url.searchParams),
        headers,
        region: scope?.region,
        accessKeyId: scope?.accessKeyId,
        status: 0,
        answeredBy: 's3rver',
      };
      requests.push(entry);
      const fail = (error: S3Error) => {
        entry.status = error.status;
        entry.errorCode = error.code;
        const body = method === 'HEAD' ? '' : errorXml(error, nextRequestId(), bucket);
        res.writeHead(error.status, {
          'content-type': 'application/xml',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      };

      if (
        bucket !== undefined &&
        key === undefined &&
        CONTROL_SUBRESOURCES.some((q) => url.searchParams.has(q))
      ) {
        entry.answeredBy = 'control';
        entry.body = (await readBody(req)).toString('utf8');
        try {
          if (!(await bucketExists(upstreamPort, bucket))) {
            throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404);
          }
          const answer = controls.handle(method, bucket, url.searchParams, entry.body);
          entry.status = answer.status;
          res.writeHead(answer.status, {
            ...(answer.contentType ? { 'content-type': answer.contentType } : {}),
            'content-length': Buffer.byteLength(answer.body ?? ''),
            'x-amz-request-id': nextRequestId(),
          });
          res.end(answer.body ?? '');
        } catch (err) {
          if (!(err instanceof S3Error)) throw err;
          fail(err);
        }
        return;
      }

      const listPrefix =
        key === undefined ? (url.searchParams.get('prefix') ?? undefined) : undefined;
      const target = key ?? listPrefix;
      if (
        bucket !== undefined &&
        target !== undefined &&
        denials.some((d) => d.bucket === bucket && target.startsWith(d.prefix))
      ) {
        entry.answeredBy = 'deny';
        req.resume();
        fail(new S3Error('AccessDenied', 'Access Denied', 403));
        return;
      }
      await proxy(req, res, upstreamPort, entry);
    };

    const front = await listenOnLoopback(handle);
    const s3rverUrl = `http://127.0.0.1:${upstreamPort}`;
    const endpoint: S3Endpoint = {
      url: front.url,
      s3rverUrl,
      requests,
      createBucket: (name) =>
        direct(upstreamPort, 'PUT', `/${encodeURIComponent(name)}`, Buffer.alloc(0), {}).then(
          () => undefined,
        ),
      putObject: async (bucket, key, body, opts = {}) => {
        const stored = toStoredBytes(body, opts.gzip);
        const headers: Record<string, string> = {};
        if (opts.contentType) headers['content-type'] = opts.contentType;
        if (opts.contentEncoding) headers['content-encoding'] = opts.contentEncoding;
        await direct(upstreamPort, 'PUT', objectPath(bucket, key), stored, headers);
        return stored;
      },
      putObjects: async (bucket, objects) => {
        if (!(await bucketExists(upstreamPort, bucket)))
          throw new Error(`putObjects: no bucket ${bucket}`);
        for (const o of objects) {
          // s3rver escapes some key characters on disk on Windows; go through its API there.
          if (process.platform === 'win32') await endpoint.putObject(bucket, o.key, o.body, o);
          else writeStoredObject(directory, bucket, o.key, o.body, o);
        }
      },
      denyPrefix: (bucket, prefix) => {
        denials.push({ bucket, prefix });
      },
      clearDenials: () => {
        denials.length = 0;
      },
      publicAccessBlock: (bucket) => controls.publicAccessBlocks.get(bucket),
      bucketPolicy: (bucket) => controls.policies.get(bucket),
      setBucketPolicy: (bucket, policy) => {
        controls.policies.set(bucket, typeof policy === 'string' ? policy : JSON.stringify(policy));
      },
      stop: async () => {
        await front.close();
        await s3rver.stop();
      },
    };
    for (const name of options.buckets ?? []) await endpoint.createBucket(name);
    return endpoint;
  } catch (err) {
    await s3rver.stop();
    throw err;
  }
}

function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  port: number,
  entry: RecordedS3Request,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers };
    delete headers.expect; // this server already answered 100-continue
    const target = {
      host: '127.0.0.1',
      port,
      method: req.method,
      path: req.url,
      headers,
      agent: upstreamAgent,
    };
    const upstream = request(target, (up) => {
      const status = up.statusCode ?? 502;
      entry.status = status;
      if (status < 400) {
        res.writeHead(status, up.headers);
        up.pipe(res);
        up.once('end', () => resolve());
        up.once('error', reject);
        return;
      }
      // Buffer error answers so the log can say which S3 error code the caller saw.
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.once('error', reject);
      up.once('end', () => {
        const body = Buffer.concat(chunks);
        const code = /<Code>([^<]+)<\/Code>/.exec(body.toString('utf8'))?.[1];
        if (code !== undefined) entry.errorCode = code;
        res.writeHead(status, up.headers);
        res.end(body);
        resolve();
      });
    });
    upstream.once('error', reject);
    req.pipe(upstream);
  });
}
