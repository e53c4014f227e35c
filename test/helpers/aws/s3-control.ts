// The S3 bucket-control operations s3rver 3.7.1 answers NotImplemented, kept in memory in front of
// it: public access block (?publicAccessBlock), bucket policy (?policy) and policy status
// (?policyStatus), with S3's REST-XML shapes and error codes. Also names S3 operations for the
// request log.

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export interface PublicAccessBlockConfig {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}
const PAB_FIELDS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

export class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = code;
  }
}

export interface ControlAnswer {
  status: number;
  body?: string;
  contentType?: string;
}

/** The subresources handled here rather than by s3rver. */
export const CONTROL_SUBRESOURCES = ['publicAccessBlock', 'policyStatus', 'policy'] as const;

export class BucketControls {
  readonly publicAccessBlocks = new Map<string, PublicAccessBlockConfig>();
  readonly policies = new Map<string, string>();

  handle(method: string, bucket: string, query: URLSearchParams, body: string): ControlAnswer {
    if (query.has('publicAccessBlock')) return this.publicAccessBlock(method, bucket, body);
    if (query.has('policyStatus')) {
      if (method !== 'GET') throw notAllowed(method);
      const policy = this.requirePolicy(bucket);
      const isPublic = isPublicPolicy(policy);
      return xml(
        200,
        `<PolicyStatus xmlns="${S3_NAMESPACE}"><IsPublic>${isPublic}</IsPublic></PolicyStatus>`,
      );
    }
    if (query.has('policy')) return this.policy(method, bucket, body);
    throw new S3Error('NotImplemented', 'Not a bucket-control request.', 501);
  }

  private publicAccessBlock(method: string, bucket: string, body: string): ControlAnswer {
    switch (method) {
      case 'PUT':
        this.publicAccessBlocks.set(bucket, parsePublicAccessBlock(body));
        return { status: 200 };
      case 'GET': {
        const config = this.publicAccessBlocks.get(bucket);
        if (!config) {
          throw new S3Error(
            'NoSuchPublicAccessBlockConfiguration',
            'The public access block configuration was not found',
            404,
          );
        }
        const fields = PAB_FIELDS.map((f) => `<${f}>${config[f]}</${f}>`).join('');
        return xml(
          200,
          `<PublicAccessBlockConfiguration xmlns="${S3_NAMESPACE}">${fields}</PublicAccessBlockConfiguration>`,
        );
      }
      case 'DELETE':
        this.publicAccessBlocks.delete(bucket);
        return { status: 204 };
      default:
        throw notAllowed(method);
    }
  }

  private policy(method: string, bucket: string, body: string): ControlAnswer {
    switch (method) {
      case 'PUT': {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          throw new S3Error(
            'MalformedPolicy',
            "Policies must be valid JSON and the first byte must be '{'",
            400,
          );
        }
        if (this.publicAccessBlocks.get(bucket)?.BlockPublicPolicy && isPublicPolicy(body)) {
          throw new S3Error('AccessDenied', 'Access Denied', 403);
        }
        this.policies.set(bucket, body);
        return { status: 204 };
      }
      case 'GET':
        return { status: 200, body: this.requirePolicy(bucket), contentType: 'application/json' };
      case 'DELETE':
        this.policies.delete(bucket);
        return { status: 204 };
      default:
        throw notAllowed(method);
    }
  }

  private requirePolicy(bucket: string): string {
    const policy = this.policies.get(bucket);
    if (policy === undefined)
      throw new S3Error('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
    return policy;
  }
}

/**
 * Public per a simplified form of AWS's rule: some Allow statement grants to everyone (`*` or
 * `{"AWS":"*"}`) with no Condition. AWS also treats some conditions as non-public; not modelled.
 */
export function isPublicPolicy(policyJson: string): boolean {
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(policyJson) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return statements.some((s) => {
    if (s === null || typeof s !== 'object') return false;
    const st = s as { Effect?: unknown; Principal?: unknown; Condition?: unknown };
    if (st.Effect !== 'Allow' || st.Condition !== undefined) return false;
    const p = st.Principal;
    if (p === '*') return true;
    const aws = p !== null && typeof p === 'object' ? (p as { AWS?: unknown }).AWS : undefined;
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  });
}

function parsePublicAccessBlock(body: string): PublicAccessBlockConfig {
  if (!/<PublicAccessBlockConfiguration[\s>]/.test(body)) {
    throw new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  // S3 treats an element left out as false.
  const value = (field: string) => new RegExp(`<${field}>\\s*true\\s*</${field}>`, 'i').test(body);
  return {
    BlockPublicAcls: value('BlockPublicAcls'),
    IgnorePublicAcls: value('IgnorePublicAcls'),
    BlockPublicPolicy: value('BlockPublicPolicy'),
    RestrictPublicBuckets: value('RestrictPublicBuckets'),
  };
}

function notAllowed(method: string): S3Error {
  return new S3Error(
    'MethodNotAllowed',
    `The specified method ${method} is not allowed against this resource.`,
    405,
  );
}

function xml(status: number, inner: string): ControlAnswer {
  return {
    status,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${inner}`,
    contentType: 'application/xml',
  };
}

export function errorXml(error: S3Error, requestId: string, bucket?: string): string {
  const b = bucket === undefined ? '' : `<BucketName>${escape(bucket)}</BucketName>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code>` +
    `<Message>${escape(error.message)}</Message>${b}<RequestId>${requestId}</RequestId>` +
    `<HostId>cairn-local-s3</HostId></Error>`
  );
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The S3 API operation a path-style request is, for the request log. */
export function s3OperationOf(
  method: string,
  bucket: string | undefined,
  key: string | undefined,
  query: URLSearchParams,
  headers: Record<string, string>,
): string {
  const has = (q: string) => query.has(q);
  if (bucket === undefined) return method === 'GET' ? 'ListBuckets' : `${method} /`;
  if (key === undefined) {
    if (has('publicAccessBlock')) return `${verb(method)}PublicAccessBlock`;
    if (has('policyStatus')) return 'GetBucketPolicyStatus';
    if (has('policy')) return `${verb(method)}BucketPolicy`;
    if (has('delete') && method === 'POST') return 'DeleteObjects';
    if (method === 'GET' && query.get('list-type') === '2') return 'ListObjectsV2';
    if (method === 'GET' && [...query.keys()].every((k) => !isSubresource(k))) return 'ListObjects';
    if (method === 'HEAD') return 'HeadBucket';
    if (method === 'PUT' && query.size === 0) return 'CreateBucket';
    if (method === 'DELETE' && query.size === 0) return 'DeleteBucket';
    return `${method} bucket?${[...query.keys()].join('&')}`;
  }
  switch (method) {
    case 'GET':
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'PUT':
      return headers['x-amz-copy-source']
        ? 'CopyObject'
        : has('partNumber')
          ? 'UploadPart'
          : 'PutObject';
    case 'DELETE':
      return 'DeleteObject';
    default:
      return `${method} object`;
  }
}

function verb(method: string): string {
  return method === 'PUT' ? 'Put' : method === 'DELETE' ? 'Delete' : 'Get';
}

// Query keys of ListObjects(V1) itself, as opposed to subresources like ?acl or ?cors.
const LIST_PARAMS = new Set(['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type', 'x-id']);
function isSubresource(key: string): boolean {
  return !LIST_PARAMS.has(key);
}
