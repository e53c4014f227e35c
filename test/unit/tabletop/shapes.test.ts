// Generated CloudTrail records must be shaped like the real captures in test/fixtures/data:
// the same field sets per userIdentity type and per kind of event, the same nested shapes
// (sessionContext, tlsDetails, additionalEventData, STS/IAM responses), the same value forms.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../src/tabletop/generate';
import { REPO_ROOT } from '../../helpers/cli';
import { fileScopedDir } from '../../helpers/tmp';
import { scanTree, type CtRecord } from './scan';

type Rec = Record<string, unknown>;
const DATA = join(REPO_ROOT, 'test/fixtures/data');

const stratus: Rec[] = readdirSync(join(DATA, 'stratus-red-team/detonation-logs')).flatMap(
  (f) =>
    JSON.parse(readFileSync(join(DATA, 'stratus-red-team/detonation-logs', f), 'utf8')) as Rec[],
);
// OTRF came through logstash: @timestamp stands for eventTime and @version is logstash's own.
const otrf: Rec[] = readFileSync(
  join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json'),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const { '@timestamp': time, '@version': _logstash, ...rest } = JSON.parse(l) as Rec;
    return { eventTime: time, ...rest };
  });
const panther = (
  JSON.parse(
    readFileSync(join(DATA, 'panther-analysis/panther_cloudtrail_records.json'), 'utf8'),
  ) as {
    Records: Rec[];
  }
).Records;
const streamalert: Rec[] = readdirSync(join(DATA, 'streamalert')).flatMap((f) =>
  (JSON.parse(readFileSync(join(DATA, 'streamalert', f), 'utf8')) as { data: Rec }[]).flatMap(
    (e) =>
      (e.data['Records'] as Rec[] | undefined) ?? [(e.data['detail'] as Rec | undefined) ?? e.data],
  ),
);
// The honey bucket's anonymous callers, as S3 data events record them (CSV of python reprs).
const honeyIdentities: Rec[] = readFileSync(
  join(DATA, 'otrf-security-datasets/AWS_S3_HoneyBucketLogs.csv'),
  'utf8',
)
  .split('\n')
  .flatMap((line) => {
    const m = /"(\{'type': [^"]+\})"/.exec(line);
    return m ? [JSON.parse(m[1]!.replace(/'/g, '"')) as Rec] : [];
  });

const REAL = [...stratus, ...otrf, ...panther, ...streamalert].filter(
  (r) => typeof r['eventName'] === 'string',
);

const sig = (o: unknown): string =>
  Object.keys(o as Rec)
    .sort()
    .join(',');
const ui = (r: Rec): Rec => r['userIdentity'] as Rec;
const typeOf = (r: Rec): string => String(ui(r)['type']);

/** Fields CloudTrail added in later eventVersions (formats.md), dropped to compare with older records. */
const ADDED_IN: Record<string, number> = { managementEvent: 6, eventCategory: 7, tlsDetails: 8 };
const minor = (v: unknown): number => Number(String(v).split('.')[1] ?? 0);
function asOfVersion(keys: string[], version: unknown): string {
  return keys
    .filter((k) => (ADDED_IN[k] ?? 0) <= minor(version))
    .sort()
    .join(',');
}

type Family = 'api' | 'service' | 's3-management' | 's3-data';
const S3_DATA = new Set(['GetObject', 'PutObject', 'HeadObject', 'ListObjects', 'DeleteObject']);
function family(r: Rec): Family {
  if (typeOf(r) === 'AWSService') return 'service';
  if (r['eventSource'] === 's3.amazonaws.com') {
    return S3_DATA.has(String(r['eventName'])) ? 's3-data' : 's3-management';
  }
  return 'api';
}

let generated: CtRecord[] = [];

beforeAll(async () => {
  const root = fileScopedDir('cairn-tabletop-shapes-');
  const runs = [
    { scenario: 'leaked-key', seed: 11 },
    { scenario: 'public-bucket', seed: 1 },
    { scenario: 'public-bucket', seed: 2 },
    { scenario: 'enumeration', seed: 5 },
  ] as const;
  for (const [i, r] of runs.entries()) {
    const out = join(root, `run-${i}`);
    await generate({ ...r, out, events: 3000, hours: 24 });
    generated.push(...scanTree(out).records);
  }
  generated = generated.map(({ _file, ...r }: CtRecord & { _file?: string }) => r as CtRecord);
}, 120_000);

describe('userIdentity', () => {
  it('uses only identity types the real captures have, each with a real field set', () => {
    const real = new Map<string, Set<string>>();
    for (const r of REAL) {
      if (!r['userIdentity']) continue;
      const s = real.get(typeOf(r)) ?? new Set();
      s.add(sig(ui(r)));
      real.set(typeOf(r), s);
    }
    for (const id of honeyIdentities) real.get('AWSAccount')?.add(sig(id));
    const seen = new Set<string>();
    for (const r of generated) {
      seen.add(typeOf(r));
      expect(real.get(typeOf(r)), `${typeOf(r)} ${r.eventName}`).toContain(sig(ui(r)));
    }
    expect([...seen].sort()).toEqual([
      'AWSAccount',
      'AWSService',
      'AssumedRole',
      'FederatedUser',
      'IAMUser',
    ]);
  });

  it('gives sessions the sessionContext, sessionIssuer and attributes of real sessions', () => {
    const real = { ctx: new Set<string>(), issuer: new Set<string>(), attrs: new Set<string>() };
    for (const r of [...stratus, ...otrf]) {
      const ctx = ui(r)['sessionContext'] as Rec | undefined;
      if (!ctx || !['AssumedRole', 'FederatedUser'].includes(typeOf(r))) continue;
      real.ctx.add(`${typeOf(r)}:${sig(ctx)}`);
      real.issuer.add(sig(ctx['sessionIssuer']));
      real.attrs.add(sig(ctx['attributes']));
    }
    let sessions = 0;
    for (const r of generated) {
      const ctx = ui(r)['sessionContext'] as Rec | undefined;
      if (!ctx) continue;
      sessions++;
      expect(real.ctx).toContain(`${typeOf(r)}:${sig(ctx)}`);
      expect(real.issuer).toContain(sig(ctx['sessionIssuer']));
      expect(real.attrs).toContain(sig(ctx['attributes']));
      const attrs = ctx['attributes'] as Rec;
      expect(['true', 'false']).toContain(attrs['mfaAuthenticated']);
      expect(attrs['creationDate']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(String(attrs['creationDate']))).toBeLessThanOrEqual(
        Date.parse(r.eventTime),
      );
    }
    expect(sessions).toBeGreaterThan(100);
  });
});

describe('record fields, per kind of event', () => {
  const refs = (f: Family): Rec[] => REAL.filter((r) => r['userIdentity'] && family(r) === f);

  it('API calls by users and roles have exactly the field sets of the Stratus captures', () => {
    const real = new Set(stratus.map(sig));
    const api = generated.filter((r) => family(r) === 'api');
    expect(api.length).toBeGreaterThan(1000);
    for (const r of api) expect(real, `${r.eventName} ${r.eventID}`).toContain(sig(r));
    expect(api.some((r) => r['errorCode'])).toBe(true);
  });

  it('calls AWS services make have the fields of real service calls', () => {
    const real = new Set(refs('service').map((r) => sig(r)));
    const service = generated.filter((r) => family(r) === 'service');
    expect(service.length).toBeGreaterThan(10);
    for (const r of service) {
      const matches = refs('service').some(
        (ref) => asOfVersion(Object.keys(r), ref['eventVersion']) === sig(ref),
      );
      expect(matches, `${sig(r)} vs ${[...real].join(' | ')}`).toBe(true);
    }
  });

  it('S3 data events match the real GetObject/ListObjects data events (fields added since 1.07 aside)', () => {
    const real = refs('s3-data').filter((r) => r['eventVersion']);
    const data = generated.filter((r) => family(r) === 's3-data');
    expect(data.length).toBeGreaterThan(100);
    for (const r of data) {
      const keys = Object.keys(r).filter((k) => k !== 'errorCode' && k !== 'errorMessage');
      const ok = real.some((ref) => asOfVersion(keys, ref['eventVersion']) === sig(ref));
      expect(ok, `${r.eventName}: ${keys.sort().join(',')}`).toBe(true);
      expect(r['managementEvent']).toBe(false);
      expect(r['eventCategory']).toBe('Data');
    }
    expect(data.some((r) => r['errorCode'] === 'AccessDenied')).toBe(true);
  });

  it('S3 bucket-level management events match the real ones (fields added since their version aside)', () => {
    const real = refs('s3-management').filter((r) => r['eventVersion']);
    const mgmt = generated.filter((r) => family(r) === 's3-management');
    expect(mgmt.length).toBeGreaterThan(50);
    for (const r of mgmt) {
      // Failures add errorCode and errorMessage to the same fields (as in the Stratus captures).
      const keys = Object.keys(r).filter((k) => k !== 'errorCode' && k !== 'errorMessage');
      const ok = real.some(
        (ref) =>
          asOfVersion(keys, ref['eventVersion']) ===
          Object.keys(ref)
            .filter((k) => k !== 'vpcEndpointId')
            .sort()
            .join(','),
      );
      expect(ok, `${r.eventName}: ${sig(r)}`).toBe(true);
    }
  });
});

describe('nested shapes and value forms', () => {
  it('has real tlsDetails and eventVersions per service', () => {
    const versions = new Map<string, Set<string>>();
    for (const r of stratus) {
      const s = versions.get(String(r['eventSource'])) ?? new Set();
      s.add(String(r['eventVersion']));
      versions.set(String(r['eventSource']), s);
    }
    for (const r of generated) {
      expect(r['eventVersion']).toMatch(/^1\.(0[5-9]|1[01])$/);
      const known = versions.get(r.eventSource);
      if (known)
        expect(known, `${r.eventSource} ${String(r['eventVersion'])}`).toContain(r['eventVersion']);
      if (typeOf(r) === 'AWSService') {
        expect(r['tlsDetails']).toBeUndefined();
        expect(r.sourceIPAddress).toBe(ui(r)['invokedBy']);
      } else {
        expect(sig(r['tlsDetails'])).toBe('cipherSuite,clientProvidedHostHeader,tlsVersion');
      }
      expect(typeof r['readOnly']).toBe('boolean');
      expect(r['eventCategory']).toBe(r['managementEvent'] ? 'Management' : 'Data');
      expect(r.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it('uses only additionalEventData fields real S3 events carry', () => {
    const real = new Set(
      REAL.filter(
        (r) => r['eventSource'] === 's3.amazonaws.com' && r['additionalEventData'],
      ).flatMap((r) => Object.keys(r['additionalEventData'] as Rec)),
    );
    for (const r of generated.filter((x) => x['additionalEventData'])) {
      for (const k of Object.keys(r['additionalEventData'] as Rec)) expect(real).toContain(k);
    }
  });

  it('shapes STS and IAM requests and responses like the Stratus detonations', () => {
    const shape = (r: Rec): string => {
      const req = r['requestParameters'] as Rec | null;
      const res = r['responseElements'] as Rec | null;
      const nested = res
        ? Object.entries(res)
            .filter(([, v]) => v && typeof v === 'object')
            .map(([k, v]) => `${k}{${sig(v)}}`)
        : [];
      return `${req ? sig(req) : 'null'} => ${res ? sig(res) : 'null'} ${nested.sort().join(' ')}`;
    };
    const names = [
      'GetFederationToken',
      'CreateAccessKey',
      'AttachUserPolicy',
      'GetCallerIdentity',
    ];
    for (const name of names) {
      const real = new Set(
        stratus.filter((r) => r['eventName'] === name && !r['errorCode']).map(shape),
      );
      const gen = generated.filter((r) => r.eventName === name && !r['errorCode']);
      expect(gen.length, name).toBeGreaterThan(0);
      for (const r of gen) expect(real, name).toContain(shape(r));
    }
    // CreateUser: the real one adds tags; everything else is the same.
    const cu = generated.find((r) => r.eventName === 'CreateUser' && !r['errorCode'])!;
    expect(sig(cu['requestParameters'])).toBe('userName');
    expect(sig((cu['responseElements'] as Rec)['user'])).toBe(
      'arn,createDate,path,userId,userName',
    );
    // AssumeRole by a user carries the same elements as the Stratus one.
    const realAssume = stratus.find((r) => r['eventName'] === 'AssumeRole' && !r['errorCode'])!;
    const userAssume = generated.find(
      (r) => r.eventName === 'AssumeRole' && typeOf(r) === 'IAMUser',
    )!;
    expect(shape(userAssume)).toBe(shape(realAssume));
  });

  it('writes STS and IAM dates in the non-ISO forms AWS uses', () => {
    const stsDate = /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d:\d\d [AP]M$/;
    const iamDate = /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d:\d\d [AP]M$/;
    const realFed = stratus.find((r) => r['eventName'] === 'GetFederationToken')!;
    expect(((realFed['responseElements'] as Rec)['credentials'] as Rec)['expiration']).toMatch(
      stsDate,
    );
    let checked = 0;
    for (const r of generated) {
      const res = r['responseElements'] as Rec | null;
      const creds = res?.['credentials'] as Rec | undefined;
      if (creds) {
        expect(creds['expiration']).toMatch(stsDate);
        expect(creds['accessKeyId']).toMatch(/^ASIA[A-Z2-7]{16}$/);
        checked++;
      }
      const key = res?.['accessKey'] as Rec | undefined;
      if (key) expect(key['createDate']).toMatch(iamDate);
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('records anonymous S3 callers the way the honey bucket saw them', () => {
    const anon = generated.filter((r) => typeOf(r) === 'AWSAccount' && ui(r)['principalId'] === '');
    expect(anon.length).toBeGreaterThan(10);
    for (const r of anon) {
      expect(ui(r)).toEqual(honeyIdentities.find((h) => h['principalId'] === '')!);
      expect(Object.keys(r['additionalEventData'] as Rec)).not.toContain('SignatureVersion');
    }
  });
});
