// Attacker infrastructure as it shows up in real incidents: Tor exits from the bundled list, VPS
// addresses inside AWS's own EC2 ranges (bundled ip-ranges.json), and the user agents of the
// tools that find and try leaked keys and open buckets.
import { bundledAwsIpRanges, bundledTorExitList, formatIp } from '../analysis/ip';
import type { Rng } from './random';

export interface AttackerIp {
  ip: string;
  /** Where the address comes from: a Tor exit, or an EC2 range (a rented VPS). */
  kind: 'tor' | 'aws-ec2';
  /** The list entry it was drawn from: the Tor /32 or the EC2 prefix, with its Region. */
  source: string;
}

let torV4: string[] | undefined;
let ec2V4: { base: number; size: number; prefix: string; region: string }[] | undefined;

function torAddresses(): string[] {
  torV4 ??= bundledTorExitList()
    .entries.filter((e) => e.cidr.address.version === 4 && e.cidr.length === 32)
    .map((e) => formatIp(e.cidr.address));
  return torV4;
}

function ec2Prefixes(): NonNullable<typeof ec2V4> {
  ec2V4 ??= bundledAwsIpRanges()
    .prefixes.filter(
      (p) =>
        p.service === 'EC2' &&
        p.cidr.address.version === 4 &&
        p.cidr.length >= 14 &&
        p.cidr.length <= 24,
    )
    .map((p) => ({
      base: p.cidr.address.words[0]!,
      size: 2 ** (32 - p.cidr.length),
      prefix: p.prefix,
      region: p.region,
    }));
  return ec2V4;
}

/** Distinct attacker addresses, none of them in `exclude` (the organisation's own). */
export function attackerIps(
  rng: Rng,
  counts: { tor: number; ec2: number },
  exclude: ReadonlySet<string>,
): AttackerIp[] {
  const out: AttackerIp[] = [];
  const seen = new Set(exclude);
  const tor = torAddresses();
  while (out.filter((a) => a.kind === 'tor').length < counts.tor) {
    const ip = rng.pick(tor);
    if (seen.has(ip)) continue;
    seen.add(ip);
    out.push({ ip, kind: 'tor', source: `tor exit list ${bundledTorExitList().date}` });
  }
  const ec2 = ec2Prefixes();
  while (out.filter((a) => a.kind === 'aws-ec2').length < counts.ec2) {
    const p = rng.pick(ec2);
    const ip = formatIp({ version: 4, words: [p.base + rng.int(4, p.size - 2)] });
    if (seen.has(ip)) continue;
    seen.add(ip);
    out.push({ ip, kind: 'aws-ec2', source: `${p.prefix} (EC2 ${p.region})` });
  }
  return out;
}

/** Secret scanners that verify a found key with sts:GetCallerIdentity. */
export const KEY_SCANNER_AGENTS = [
  'TruffleHog',
  'python-requests/2.31.0',
  'Boto3/1.34.34 md/Botocore#1.34.34 ua/2.0 os/linux#6.6.9-amd64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.34',
  'curl/8.5.0',
] as const;

/** The `aws` CLI command for a call, as its user agent names it: iam.list-users. */
export function cliCommand(eventSource: string, eventName: string): string {
  const service = eventSource.split('.')[0]!;
  const op = eventName
    .replace(/\d{8}(v\d+)?$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `${service === 'monitoring' ? 'cloudwatch' : service}.${op}`;
}

/** The operator's own tooling: the AWS CLI on Kali Linux. */
export function kaliCli(command: string): string {
  return `aws-cli/2.15.17 Python/3.11.8 Linux/6.6.9-amd64 exe/x86_64.kali.2024 prompt/off command/${command}`;
}

export const OPERATOR_SCRIPT_AGENT =
  'Boto3/1.34.34 md/Botocore#1.34.34 ua/2.0 os/linux#6.6.9-amd64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.34 Resource';

/** What anonymous bucket scanners send (user agents seen in the OTRF honey-bucket capture). */
export const BUCKET_SCANNER_AGENTS = [
  'Go-http-client/1.1',
  'Boto3/1.17.40 Python/3.6.12 Linux/3.10.0-1160.6.1.el7.x86_64 Botocore/1.20.112',
  'python-requests/2.22.0',
  'Java/1.8.0_201',
  'aws-sdk-go/1.40.9 (go1.15.8; linux; amd64)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/98.0.4758.102 Safari/537.36',
  'curl/8.5.0',
] as const;
