// AWS CLI commands a responder can paste into a POSIX shell (bash, zsh): every value is quoted
// unless it is made only of characters no shell treats specially, so odd names and JSON policy
// documents arrive at the CLI byte for byte.
import type { AwsOptions } from '../../sources/aws';
import type { AwsService } from './types';

// The same safe set as Python's shlex.quote: nothing here is special to sh, bash or zsh.
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One shell word that the shell turns back into exactly `value`. */
export function shellQuote(value: string): string {
  if (SAFE.test(value)) return value;
  // Inside single quotes nothing is special except ' itself, which is closed, escaped, reopened.
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A value passed through unquoted, for a command substitution such as "$(aws …)". */
export interface RawArg {
  raw: string;
}

export type CliArg = readonly [flag: string, value: string | RawArg];

/**
 * `aws <service> <command> --flag value … [--profile P] [--region R] [--endpoint-url U]`.
 * IAM is global, so --region is only added for S3, where the bucket's region matters.
 */
export function awsCli(
  service: AwsService,
  command: string,
  args: readonly CliArg[],
  target: AwsOptions = {},
): string {
  const cliService = service === 's3' ? 's3api' : 'iam';
  const words = ['aws', cliService, command];
  for (const [flag, value] of args) {
    words.push(flag, typeof value === 'string' ? shellQuote(value) : value.raw);
  }
  if (target.profile) words.push('--profile', shellQuote(target.profile));
  if (service === 's3' && target.region) words.push('--region', shellQuote(target.region));
  if (target.endpoint) words.push('--endpoint-url', shellQuote(target.endpoint));
  return words.join(' ');
}
