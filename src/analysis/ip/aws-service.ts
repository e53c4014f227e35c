// CloudTrail writes a service's DNS name (ec2.amazonaws.com) or the literal "AWS Internal" in
// sourceIPAddress when an AWS service made the call on someone's behalf. Those are not
// addresses, but they are not garbage either: they say "AWS itself".

/** The service named by a sourceIPAddress value, or undefined if it is not a service name. */
export interface AwsServiceName {
  readonly service: string;
  readonly host?: string;
}

const AWS_INTERNAL = 'aws internal';
// One or more DNS labels before amazonaws.com (or amazonaws.com.cn for the China partition).
const SERVICE_HOST = /^((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+)amazonaws\.com(?:\.cn)?$/;

export function parseAwsServiceName(value: string): AwsServiceName | undefined {
  if (value.length > 253) return undefined;
  const lower = value.toLowerCase();
  if (lower === AWS_INTERNAL) return { service: 'AWS Internal' };
  const match = SERVICE_HOST.exec(lower);
  if (match === null) return undefined;
  // "delivery.logs.amazonaws.com" → "delivery.logs": the name without the shared suffix.
  const labels = match[1] ?? '';
  return { service: labels.slice(0, -1), host: lower };
}
