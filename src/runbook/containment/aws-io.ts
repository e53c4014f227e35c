// The I/O edge of containment: SDK clients made on first use (a dry run or a refused run never
// makes one), and every call recorded with its exact input, outcome and request id.
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { clientSettings, type AwsOptions } from '../../sources/aws';
import type { AwsService, CallRecord } from './types';

/** A failed AWS call: which one, and what the SDK threw. */
export class AwsCallError extends Error {
  constructor(
    readonly service: AwsService,
    readonly operation: string,
    readonly sdkError: unknown,
  ) {
    super(`${operation}: ${errorName(sdkError)}: ${errorMessage(sdkError)}`, { cause: sdkError });
    this.name = 'AwsCallError';
  }

  /** AWS's error code (e.g. AccessDenied, NoSuchEntity) or the SDK's error name. */
  get awsName(): string {
    return errorName(this.sdkError);
  }
}

interface SdkErrorLike {
  name?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
}

export function errorName(err: unknown): string {
  const e = (err ?? {}) as SdkErrorLike;
  if (typeof e.Code === 'string' && e.Code !== '') return e.Code;
  return typeof e.name === 'string' ? e.name : 'Error';
}

function errorMessage(err: unknown): string {
  const e = (err ?? {}) as SdkErrorLike;
  return typeof e.message === 'string' ? e.message : String(err);
}

function metadataOf(value: unknown): { requestId?: string; httpStatus?: number } {
  const meta = (value as SdkErrorLike | undefined)?.$metadata;
  return {
    ...(typeof meta?.requestId === 'string' ? { requestId: meta.requestId } : {}),
    ...(typeof meta?.httpStatusCode === 'number' ? { httpStatus: meta.httpStatusCode } : {}),
  };
}

/** The answer as plain JSON for the record: Dates become ISO strings, SDK metadata is dropped. */
function outputJson(output: object): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...(output as Record<string, unknown>) };
  delete rest.$metadata;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

export class AwsIo {
  readonly calls: CallRecord[] = [];
  private iamClient: IAMClient | undefined;
  private s3Client: S3Client | undefined;

  constructor(private readonly aws: AwsOptions) {}

  iam(): IAMClient {
    // IAM is global in the aws partition: the region only names the signing scope, so one is
    // always given (pass AwsOptions.region for aws-cn or aws-us-gov).
    this.iamClient ??= new IAMClient({
      ...clientSettings(this.aws, 'iam'),
      region: this.aws.region ?? 'us-east-1',
    });
    return this.iamClient;
  }

  s3(): S3Client {
    // A bucket in another region than the client's answers with a redirect the SDK can follow.
    this.s3Client ??= new S3Client({
      ...clientSettings(this.aws, 's3'),
      followRegionRedirects: true,
    });
    return this.s3Client;
  }

  /** Runs one SDK call and records it; a failure is recorded and rethrown as AwsCallError. */
  async call<O extends object>(
    service: AwsService,
    operation: string,
    input: object,
    send: () => Promise<O>,
  ): Promise<O> {
    const record: CallRecord = {
      service,
      operation,
      input: { ...(input as Record<string, unknown>) },
      ok: false,
    };
    this.calls.push(record);
    try {
      const output = await send();
      record.ok = true;
      Object.assign(record, metadataOf(output));
      const json = outputJson(output);
      if (Object.keys(json).length > 0) record.output = json;
      return output;
    } catch (err) {
      record.error = { name: errorName(err), message: errorMessage(err) };
      Object.assign(record, metadataOf(err));
      throw new AwsCallError(service, operation, err);
    }
  }

  destroy(): void {
    this.iamClient?.destroy();
    this.s3Client?.destroy();
  }
}
