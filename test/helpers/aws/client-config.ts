// Options for the real AWS SDK v3 clients pointed at a local endpoint: static test credentials,
// path-style S3, and no retries unless a test asks for them (then with zero backoff, so the SDK's
// own retry logic runs without real waiting and throttling tests stay deterministic).
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/** Test-only credentials; the local IAM endpoint treats this key as belonging to nobody unless seeded. */
export const TEST_CREDENTIALS: Readonly<{ accessKeyId: string; secretAccessKey: string }> =
  Object.freeze({
    accessKeyId: 'AKIACAIRNTEST0000001',
    secretAccessKey: 'cairn-local-test-secret-not-a-real-key',
  });

export const TEST_REGION = 'us-east-1';

export interface ClientConfigOptions {
  region?: string;
  /** Retries the SDK may make after the first attempt (default 0), each without delay. */
  retries?: number;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface LocalClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** S3 only (other clients ignore it): bucket in the path, since 127.0.0.1 has no subdomains. */
  forcePathStyle: true;
  maxAttempts: number;
  retryStrategy?: ConfiguredRetryStrategy;
  // s3rver predates flexible checksums: send plain bodies (no aws-chunked trailers) and do not
  // expect checksum headers back.
  requestChecksumCalculation: 'WHEN_REQUIRED';
  responseChecksumValidation: 'WHEN_REQUIRED';
}

/** `new CloudTrailClient(clientConfig(endpoint))`, likewise for IAMClient and S3Client. */
export function clientConfig(
  endpoint: string | { url: string },
  options: ClientConfigOptions = {},
): LocalClientConfig {
  const retries = options.retries ?? 0;
  if (!Number.isInteger(retries) || retries < 0) {
    throw new Error(`clientConfig: retries must be a non-negative integer, got ${retries}`);
  }
  const config: LocalClientConfig = {
    endpoint: typeof endpoint === 'string' ? endpoint : endpoint.url,
    region: options.region ?? TEST_REGION,
    credentials: { ...(options.credentials ?? TEST_CREDENTIALS) },
    forcePathStyle: true,
    maxAttempts: retries + 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (retries > 0) config.retryStrategy = new ConfiguredRetryStrategy(retries + 1, 0);
  return config;
}
