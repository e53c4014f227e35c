// Talking to the s3rver child directly (unsigned HTTP, which it accepts) and writing into its
// on-disk store, for seeding objects without going through (or being recorded by) the front.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PutObjectOptions {
  /** gzip the body before storing it (the stored bytes are what GetObject returns). */
  gzip?: boolean;
  contentType?: string;
  contentEncoding?: string;
}

// s3rver 3.7.1's FilesystemStore layout (POSIX): <dir>/<bucket>/<key>._S3rver_object, plus
// ._S3rver_object.md5 and ._S3rver_metadata.json beside it. Writing it directly seeds thousands
// of keys in milliseconds where one HTTP PUT each takes seconds; the S3 endpoint tests read such
// objects back through the SDK, so a change of layout fails loudly.
export function writeStoredObject(
  directory: string,
  bucket: string,
  key: string,
  body: string | Uint8Array,
  options: PutObjectOptions,
): void {
  const stored = toStoredBytes(body, options.gzip);
  const parts = key.split('/');
  if (parts.some((p) => p === '.' || p === '..' || p === '')) {
    throw new Error(`putObjects: key ${JSON.stringify(key)} has an empty, . or .. segment`);
  }
  const base = join(directory, bucket, ...parts.slice(0, -1), `${parts.at(-1) ?? ''}._S3rver_`);
  mkdirSync(dirname(base), { recursive: true });
  writeFileSync(`${base}object`, stored);
  writeFileSync(`${base}object.md5`, createHash('md5').update(stored).digest('hex'));
  const metadata: Record<string, string> = {
    'content-type': options.contentType ?? 'binary/octet-stream',
  };
  if (options.contentEncoding) metadata['content-encoding'] = options.contentEncoding;
  writeFileSync(`${base}metadata.json`, JSON.stringify(metadata));
}

export function toStoredBytes(body: string | Uint8Array, gzip = false): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  return gzip ? gzipSync(bytes) : bytes;
}

// One connection per request to s3rver: no idle keep-alive socket can race its closing.
export const upstreamAgent = new Agent({ keepAlive: false });

export function objectPath(bucket: string, key: string): string {
  return `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

export function bucketExists(port: number, bucket: string): Promise<boolean> {
  return direct(port, 'HEAD', `/${encodeURIComponent(bucket)}`, Buffer.alloc(0), {}, false).then(
    (status) => status === 200,
  );
}

/** A plain unsigned request to s3rver (it accepts anonymous requests). */
export function direct(
  port: number,
  method: string,
  path: string,
  body: Buffer,
  headers: Record<string, string>,
  mustSucceed = true,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...headers, 'content-length': body.length },
        agent: upstreamAgent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (mustSucceed && (status < 200 || status >= 300)) {
            reject(
              new Error(
                `s3rver ${method} ${path} answered ${status}: ${Buffer.concat(chunks).toString('utf8')}`,
              ),
            );
          } else resolve(status);
        });
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}
