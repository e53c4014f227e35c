// ACL grants and public access block settings: what each form of the call says, and which
// settings neutralise what (AWS semantics: only RestrictPublicBuckets and IgnorePublicAcls end an
// existing exposure; the Block* flags refuse new grants).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateAcl, evaluateCreateBucketAcl } from '../../../../src/analysis/bucket/acl';
import {
  effectiveFlag,
  effectivePab,
  neutralisesAcls,
  neutralisesPolicy,
  NO_PAB,
  parseOwnership,
  parsePabConfig,
  UNKNOWN_PAB,
} from '../../../../src/analysis/bucket/public-access-block';

const DATA = join(import.meta.dirname, '../../../fixtures/data');

/** requestParameters of every StreamAlert test case in a file (EventBridge `detail`). */
function streamAlert(file: string): unknown[] {
  return (
    JSON.parse(readFileSync(join(DATA, 'streamalert', file), 'utf8')) as {
      data: { detail: { requestParameters: unknown } };
    }[]
  ).map((c) => c.data.detail.requestParameters);
}

describe('ACL grants', () => {
  it('reads StreamAlert’s PutBucketAcl to AllUsers and AuthenticatedUsers as public, LogDelivery as not', () => {
    const [publicAcl, logDelivery] = streamAlert(
      'community__cloudwatch_events__cloudtrail_put_bucket_acl.json',
    );
    const v = evaluateAcl(publicAcl);
    expect(v.status).toBe('public');
    expect(v.form).toBe('access-control-policy');
    // Grants in the record: AuthenticatedUsers READ, READ_ACP; AllUsers READ, READ_ACP (plus the owner).
    expect(v.grants).toEqual([
      { grantee: 'AuthenticatedUsers', permission: 'READ' },
      { grantee: 'AuthenticatedUsers', permission: 'READ_ACP' },
      { grantee: 'AllUsers', permission: 'READ' },
      { grantee: 'AllUsers', permission: 'READ_ACP' },
    ]);
    expect(evaluateAcl(logDelivery).status).toBe('not-public');
  });

  it('reads StreamAlert’s PutObjectAcl forms: one Grant object, a lower-case "permission", grant headers', () => {
    const [ownerOnly, consoleAllUsers, apiHeader] = streamAlert(
      'community__cloudwatch_events__cloudtrail_put_object_acl_public.json',
    );
    expect(evaluateAcl(ownerOnly).status).toBe('not-public'); // Grant is a single object: the owner
    expect(evaluateAcl(consoleAllUsers).grants).toEqual([
      { grantee: 'AllUsers', permission: 'READ' },
    ]);
    // "AccessControlList": {"x_amz_grant_read": "uri=http://acs.amazonaws.com/groups/global/AllUsers"}
    expect(evaluateAcl(apiHeader)).toMatchObject({
      status: 'public',
      form: 'grant-headers',
      grants: [{ grantee: 'AllUsers', permission: 'READ' }],
    });
  });

  it('reads canned ACLs', () => {
    expect(evaluateAcl({ 'x-amz-acl': ['public-read'] }).grants).toEqual([
      { grantee: 'AllUsers', permission: 'READ' },
    ]);
    expect(evaluateAcl({ 'x-amz-acl': 'public-read-write' }).grants).toHaveLength(2);
    expect(evaluateAcl({ 'x-amz-acl': ['authenticated-read'] }).grants).toEqual([
      { grantee: 'AuthenticatedUsers', permission: 'READ' },
    ]);
    for (const acl of [
      'private',
      'bucket-owner-full-control',
      'log-delivery-write',
      'aws-exec-read',
    ])
      expect(evaluateAcl({ 'x-amz-acl': [acl] }).status).toBe('not-public');
    expect(evaluateAcl({ 'x-amz-acl': ['something-new'] }).status).toBe('unknown');
  });

  it('reads grant headers with several grantees', () => {
    const v = evaluateAcl({
      'x-amz-grant-full-control':
        'id="abc", uri="http://acs.amazonaws.com/groups/global/AuthenticatedUsers"',
    });
    expect(v.grants).toEqual([{ grantee: 'AuthenticatedUsers', permission: 'FULL_CONTROL' }]);
  });

  it('says "unknown" when the record does not carry the ACL (Panther’s acl: [""] without a body)', () => {
    expect(evaluateAcl({ bucketName: 'b', acl: [''] }).status).toBe('unknown');
    expect(evaluateAcl(null).status).toBe('unknown');
  });

  it('takes a new bucket as private unless CreateBucket names a public ACL', () => {
    expect(evaluateCreateBucketAcl({ bucketName: 'b' }).status).toBe('not-public');
    expect(evaluateCreateBucketAcl({ bucketName: 'b', 'x-amz-acl': ['public-read'] }).status).toBe(
      'public',
    );
  });
});

describe('public access block', () => {
  it('reads StreamAlert’s PutBucketPublicAccessBlock configurations', () => {
    const cases = JSON.parse(
      readFileSync(
        join(DATA, 'streamalert/community__cloudwatch_events__cloudtrail_critical_api_calls.json'),
        'utf8',
      ),
    ) as { data: { Records?: { eventName: string; requestParameters: unknown }[] } }[];
    const records = cases
      .flatMap((c) => c.data.Records ?? [])
      .filter((r) => /PublicAccessBlock$/.test(r.eventName));
    expect(records.map((r) => [r.eventName, parsePabConfig(r.requestParameters)])).toEqual([
      [
        'DeleteAccountPublicAccessBlock',
        { problem: 'the record does not carry the configuration it set' },
      ],
      ['PutBucketPublicAccessBlock', { flags: NO_PAB }],
      [
        'PutBucketPublicAccessBlock',
        {
          flags: {
            blockPublicAcls: true,
            ignorePublicAcls: true,
            blockPublicPolicy: true,
            restrictPublicBuckets: true,
          },
        },
      ],
      ['PutAccountPublicAccessBlock', { flags: NO_PAB }],
    ]);
  });

  it('takes a flag the Put leaves out as false (the Put replaces the whole configuration)', () => {
    expect(
      parsePabConfig({ PublicAccessBlockConfiguration: { RestrictPublicBuckets: 'true' } }),
    ).toEqual({
      flags: { ...NO_PAB, restrictPublicBuckets: true },
    });
    expect(
      parsePabConfig({ PublicAccessBlockConfiguration: { IgnorePublicAcls: 'maybe' } }),
    ).toEqual({
      problem: 'IgnorePublicAcls is neither true nor false',
    });
  });

  it('combines bucket and account: on if either is known on, off only if both are known off', () => {
    expect(effectiveFlag(true, null)).toBe(true);
    expect(effectiveFlag(null, true)).toBe(true);
    expect(effectiveFlag(false, false)).toBe(false);
    expect(effectiveFlag(false, null)).toBeNull();
    expect(effectivePab(NO_PAB, { ...NO_PAB, ignorePublicAcls: true })).toEqual({
      ...NO_PAB,
      ignorePublicAcls: true,
    });
  });

  it.each([
    // [settings, policy neutralised?, ACLs neutralised?]
    ['nothing on', NO_PAB, false, false],
    [
      'BlockPublicPolicy only (refuses new policies; an existing one stays)',
      { ...NO_PAB, blockPublicPolicy: true },
      false,
      false,
    ],
    ['RestrictPublicBuckets', { ...NO_PAB, restrictPublicBuckets: true }, true, false],
    [
      'BlockPublicAcls only (refuses new ACLs; existing ones stay)',
      { ...NO_PAB, blockPublicAcls: true },
      false,
      false,
    ],
    ['IgnorePublicAcls', { ...NO_PAB, ignorePublicAcls: true }, false, true],
    [
      'all four',
      {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      },
      true,
      true,
    ],
  ])('%s', (_name, flags, policy, acls) => {
    expect(neutralisesPolicy(flags)).toBe(policy);
    expect(neutralisesAcls(flags, null)).toBe(acls);
  });

  it('never neutralises on unknown settings, and BucketOwnerEnforced disables ACLs', () => {
    expect(neutralisesPolicy(UNKNOWN_PAB)).toBe(false);
    expect(neutralisesAcls(UNKNOWN_PAB, null)).toBe(false);
    expect(neutralisesAcls(UNKNOWN_PAB, true)).toBe(true);
    expect(
      parseOwnership({ OwnershipControls: { Rule: { ObjectOwnership: 'BucketOwnerEnforced' } } }),
    ).toBe(true);
    expect(
      parseOwnership({ OwnershipControls: { Rule: [{ ObjectOwnership: 'ObjectWriter' }] } }),
    ).toBe(false);
    expect(parseOwnership({})).toBeNull();
  });
});
