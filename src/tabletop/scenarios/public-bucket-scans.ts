// The internet's side of the public-bucket scenario: scanners that find the bucket and take a
// file or two, two downloaders that take every customer file, and late scanners that meet 403s
// after containment. Plus the bucket settings the developer and the responders write.
import { BUCKET_SCANNER_AGENTS, kaliCli, type AttackerIp } from '../attacker';
import type { Rng } from '../random';
import type { BucketInfo, S3Operation } from '../s3-request';
import type { Moment } from '../truth';
import { MIN } from './calls';
import { iso, type AttackerUse, type Incident } from './incident';
import { ObjectReads } from './shared';

const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

/** This month's customer export in parts, last month's, a manifest and a README. */
export function exportObjects(rng: Rng, startMs: number): { key: string; size: number }[] {
  const d = new Date(startMs);
  const month = (ms: number): string => new Date(ms).toISOString().slice(0, 7).replace('-', '/');
  const now = month(d.getTime());
  const prev = month(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  const parts = (m: string, n: number): { key: string; size: number }[] =>
    Array.from({ length: n }, (_, i) => ({
      key: `exports/${m}/customers-eu-part-${String(i + 1).padStart(4, '0')}.csv.gz`,
      size: rng.int(1_800_000, 4_200_000),
    }));
  return [
    ...parts(now, 12),
    { key: `exports/${now}/manifest.json`, size: rng.int(1800, 2600) },
    ...parts(prev, 3),
    { key: 'exports/README.txt', size: 912 },
  ];
}

/** PutBucketPublicAccessBlock's body as CloudTrail records it (StreamAlert capture). */
export function publicAccessBlock(on: boolean): Record<string, unknown> {
  return {
    PublicAccessBlockConfiguration: {
      xmlns: S3_XMLNS,
      RestrictPublicBuckets: on,
      BlockPublicPolicy: on,
      BlockPublicAcls: on,
      IgnorePublicAcls: on,
    },
  };
}

/** PutBucketAcl's body: the owner's FULL_CONTROL, and READ for AllUsers when public. */
export function acl(ownerId: string, publicRead: boolean): Record<string, unknown> {
  const owner = {
    Grantee: { 'xsi:type': 'CanonicalUser', ID: ownerId, 'xmlns:xsi': XSI },
    Permission: 'FULL_CONTROL',
  };
  const everyone = {
    Grantee: { 'xsi:type': 'Group', URI: ALL_USERS, 'xmlns:xsi': XSI },
    Permission: 'READ',
  };
  return {
    AccessControlPolicy: {
      AccessControlList: { Grant: publicRead ? [owner, everyone] : [owner] },
      xmlns: S3_XMLNS,
      Owner: { ID: ownerId },
    },
  };
}

/** The partner-download policy that opens the bucket to everyone. */
export function partnerPolicy(bucket: string): Record<string, unknown> {
  return {
    bucketPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PartnerDownload',
          Effect: 'Allow',
          Principal: '*',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        },
      ],
    },
  };
}

export interface ScanSetup {
  incident: Incident;
  rng: Rng;
  bucket: BucketInfo;
  via: 'bucket-policy' | 'acl';
  openAt: number;
  /** When Block Public Access comes back on (null: not in this window). */
  closeAt: number | null;
  endMs: number;
}

export class BucketScans {
  firstUse: Moment | null = null;
  inflection: Moment | null = null;
  readonly reads = new ObjectReads();
  readonly story: string[] = [];

  constructor(private readonly s: ScanSetup) {}

  private isPublic(t: number): boolean {
    return t >= this.s.openAt && (this.s.closeAt === null || t < this.s.closeAt);
  }

  /** One anonymous request: answered while the bucket is public (bucket settings never are). */
  private anon(
    t: number,
    use: AttackerUse,
    agent: string,
    operation: S3Operation,
    object?: { key: string; size: number },
  ): void {
    const { incident, bucket, via } = this.s;
    if (t >= this.s.endMs) return;
    const ok = this.isPublic(t) && operation !== 'GetBucketAcl' && operation !== 'GetBucketPolicy';
    const r = incident.s3(
      {
        timeMs: t,
        bucket,
        operation,
        ...(object ? { key: object.key, objectSize: object.size } : {}),
        caller: { kind: 'anonymous' },
        ip: use.ip.ip,
        userAgent: agent,
        status: ok ? 200 : 403,
        ...(ok ? {} : { errorCode: 'AccessDenied' }),
        // Access granted by an ACL (not the policy) is flagged in field 26.
        ...(ok && via === 'acl' ? { aclRequired: true } : {}),
      },
      use,
      `anonymous ${operation}${object ? ` of ${object.key}` : ''}${ok ? '' : ' refused'}`,
    );
    this.firstUse ??= { ...r.moment, description: 'first anonymous request to the public bucket' };
    if (ok && operation === 'GetObject') {
      this.reads.add(r.req, r.record);
      if (!this.inflection && object?.key.includes('customers-eu-part')) {
        this.inflection = {
          ...r.moment,
          description: 'first customer file read anonymously: personal data has left the bucket',
        };
      }
    }
  }

  /** Scanners: list, fetch a file or two, poke at the ACL and policy. The first one lists first. */
  scanners(ips: AttackerIp[], firstAt: number): void {
    const { rng, bucket } = this.s;
    const lastOpen = this.s.closeAt ?? this.s.endMs;
    const spread = Math.max(6, Math.floor((lastOpen - firstAt) / MIN) - 5);
    ips.forEach((ip, i) => {
      const use = { ip, role: 'bucket scanner' };
      const agent = BUCKET_SCANNER_AGENTS[i % BUCKET_SCANNER_AGENTS.length]!;
      let t = i === 0 ? firstAt : firstAt + rng.int(5, spread) * MIN;
      if (i > 0) {
        this.anon(t, use, agent, 'HeadBucket');
        t += rng.int(1, 5) * 1000;
      }
      this.anon(t, use, agent, 'ListObjects');
      for (let n = rng.int(1, 3); n > 0; n--) {
        t += rng.int(2, 30) * 1000;
        this.anon(t, use, agent, 'GetObject', rng.pick(bucket.objects));
      }
      if (rng.chance(0.5)) {
        this.anon(
          t + rng.int(1, 9) * 1000,
          use,
          agent,
          rng.pick(['GetBucketAcl', 'GetBucketPolicy'] as const),
        );
      }
    });
    if (this.firstUse)
      this.story.push(`${this.firstUse.time}: first anonymous request, from ${ips[0]!.ip}.`);
  }

  /** Two downloaders take every customer file and the manifest. */
  downloads(ips: [AttackerIp, AttackerIp], firstAt: number): void {
    const { rng, bucket } = this.s;
    const wanted = bucket.objects.filter(
      (o) => o.key.includes('customers-eu-part') || o.key.endsWith('manifest.json'),
    );
    const agents = [kaliCli('s3.sync'), 'python-requests/2.31.0'];
    ips.forEach((ip, i) => {
      const use = { ip, role: 'bulk downloader' };
      let t = firstAt + (i + 1) * rng.int(25, 70) * MIN;
      if (!this.isPublic(t)) return;
      this.anon(t, use, agents[i]!, 'ListObjects');
      for (const o of wanted) {
        t += rng.int(2, 20) * 1000;
        if (!this.isPublic(t)) break;
        this.anon(t, use, agents[i]!, 'GetObject', o);
      }
      this.story.push(`${iso(t)}: ${ip.ip} (${ip.kind}) has downloaded the customer export files.`);
    });
  }

  /** After containment, late scanners meet 403s. */
  lateScanners(ips: AttackerIp[], closedAt: number): void {
    const { rng, bucket } = this.s;
    const customers = bucket.objects.filter((o) => o.key.includes('customers-eu-part'));
    ips.forEach((ip, i) => {
      const use = { ip, role: 'late scanner' };
      const agent = BUCKET_SCANNER_AGENTS[(i + 2) % BUCKET_SCANNER_AGENTS.length]!;
      let t = closedAt + rng.int(10, 120) * MIN;
      this.anon(t, use, agent, 'ListObjects');
      t += rng.int(2, 20) * 1000;
      this.anon(t, use, agent, 'GetObject', rng.pick(customers));
    });
  }
}
