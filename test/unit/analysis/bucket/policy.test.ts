// The bucket-policy evaluator: which statements make a policy public, and which conditions
// restrict who may call. Policies from the Panther and StreamAlert rule tests are read from the
// shared data; the rest are written here, one rule each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateBucketPolicy, restrictingCondition } from '../../../../src/analysis/bucket/policy';

const DATA = join(import.meta.dirname, '../../../fixtures/data');

function pantherPolicy(testName: string): unknown {
  const line = readFileSync(
    join(DATA, 'panther-analysis/panther_cloudtrail_test_events.ndjson'),
    'utf8',
  )
    .split('\n')
    .filter((l) => l.trim())
    .map(
      (l) =>
        JSON.parse(l) as {
          _test_name: string;
          log: { requestParameters: { bucketPolicy: unknown } };
        },
    )
    .find((t) => t._test_name === testName);
  if (!line) throw new Error(`no Panther test named ${testName}`);
  return line.log.requestParameters.bucketPolicy;
}

const allow = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra }],
});

describe('bucket policies from the rule tests', () => {
  it('reads Panther’s "S3 Made Publicly Accessible" as public, but granting only s3:GetBucketAcl', () => {
    // {"Principal": {"AWS": "*"}, "Action": "s3:GetBucketAcl", "Resource": "arn:aws:s3:::example-bucket"}
    const v = evaluateBucketPolicy(pantherPolicy('S3 Made Publicly Accessible'), 'example-bucket');
    expect(v.status).toBe('public');
    expect(v.publicActions).toEqual(['s3:GetBucketAcl']);
    expect(v.readsObjects).toBe(false);
    expect(v.listsBucket).toBe(false);
  });

  it('reads Panther’s service-principal policy as not public', () => {
    // {"Principal": {"Service": "cloudtrail.amazonaws.com"}}
    const v = evaluateBucketPolicy(
      pantherPolicy('S3 Not Made Publicly Accessible'),
      'example-bucket',
    );
    expect(v.status).toBe('not-public');
    expect(v.statements[0]?.reason).toBe('names specific principals');
  });

  it('reads Panther’s "All Restrictive Conditions Types" as not public: the fixed PrincipalOrgID restricts', () => {
    // StringEquals aws:PrincipalOrgID o-test123456 (fixed: restricts), StringLike aws:SourceVpc vpc-*
    // (a wildcard: does not), IpAddress aws:SourceIp 10.0.0.0/8, 172.16.0.0/12 (restricts).
    const v = evaluateBucketPolicy(
      pantherPolicy('All Restrictive Conditions Types (Should Not Alert)'),
    );
    expect(v.status).toBe('not-public');
    expect(v.statements[0]?.reason).toContain(
      'restricted by StringEquals aws:PrincipalOrgID o-test123456',
    );
  });

  it('gives "unknown" with the reason for Panther’s invalid JSON policy, not an exception', () => {
    const v = evaluateBucketPolicy(pantherPolicy('Invalid JSON Policy (Should Not Alert)'));
    expect(v.status).toBe('unknown');
    expect(v.problem).toBe('the policy is not valid JSON ("invalid-json-policy")');
  });

  it('reads StreamAlert’s public-resources policy (Principal "*", s3:GetObject on test/*) as public reads', () => {
    const cases = JSON.parse(
      readFileSync(
        join(DATA, 'streamalert/community__cloudwatch_events__cloudtrail_public_resources.json'),
        'utf8',
      ),
    ) as {
      data: { Records?: { eventName: string; requestParameters: { bucketPolicy: unknown } }[] };
    }[];
    const record = cases[0]!.data.Records!.find((r) => r.eventName === 'PutBucketPolicy')!;
    const v = evaluateBucketPolicy(record.requestParameters.bucketPolicy, 'test');
    expect(v).toMatchObject({
      status: 'public',
      readsObjects: true,
      listsBucket: false,
      writes: false,
    });
  });
});

describe('who a statement names', () => {
  it('counts Principal "*", {"AWS": "*"}, a list holding "*", and wildcard accounts as everyone', () => {
    for (const Principal of [
      '*',
      { AWS: '*' },
      { AWS: ['arn:aws:iam::111122223333:root', '*'] },
      { AWS: 'arn:aws:iam::*:root' },
    ])
      expect(evaluateBucketPolicy(allow({ Principal })).status).toBe('public');
  });

  it('counts NotPrincipal with Allow as everyone (everyone except the named)', () => {
    const v = evaluateBucketPolicy(
      allow({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }),
    );
    expect(v.status).toBe('public');
    expect(v.statements[0]?.reason).toContain('NotPrincipal');
  });

  it('does not count named accounts, roles or services', () => {
    for (const Principal of [
      { AWS: 'arn:aws:iam::111122223333:root' },
      { Service: 'logging.s3.amazonaws.com' },
      { CanonicalUser: 'abc' },
    ])
      expect(evaluateBucketPolicy(allow({ Principal })).status).toBe('not-public');
  });

  it('never lets a Deny statement cancel a public Allow', () => {
    const v = evaluateBucketPolicy({
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ],
    });
    expect(v).toMatchObject({ status: 'public', denyStatements: 1 });
  });

  it('is public when any one of several statements is, and says which', () => {
    const v = evaluateBucketPolicy(
      {
        Statement: [
          {
            Sid: 'Logs',
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::b/*',
          },
          {
            Sid: 'Web',
            Effect: 'Allow',
            Principal: '*',
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
          },
        ],
      },
      'b',
    );
    expect(v).toMatchObject({
      status: 'public',
      readsObjects: true,
      listsBucket: true,
      writes: false,
    });
    expect(v.statements.map((s) => s.public)).toEqual([false, true]);
    expect(v.summary).toContain('statement Web');
  });

  it('sees writes and NotAction grants', () => {
    expect(
      evaluateBucketPolicy(allow({ Principal: '*', Action: 's3:PutObject' }), 'b').writes,
    ).toBe(true);
    const v = evaluateBucketPolicy(
      allow({ Principal: '*', Action: undefined, NotAction: 's3:DeleteObject' }),
      'b',
    );
    expect(v).toMatchObject({
      status: 'public',
      readsObjects: true,
      publicActions: ['all except s3:DeleteObject'],
    });
  });

  it('does not count object reads granted on another bucket', () => {
    const v = evaluateBucketPolicy(
      allow({ Principal: '*', Resource: 'arn:aws:s3:::other/*' }),
      'b',
    );
    expect(v).toMatchObject({ status: 'public', readsObjects: false });
  });
});

describe('conditions that restrict who may call', () => {
  const restricted = (Condition: unknown) =>
    evaluateBucketPolicy(allow({ Principal: '*', Condition })).status;

  it.each([
    ['aws:SourceIp', 'IpAddress', '203.0.113.0/24'],
    ['aws:SourceVpc', 'StringEquals', 'vpc-1a2b3c4d'],
    ['aws:SourceVpce', 'StringEquals', 'vpce-1a2b3c4d'],
    ['aws:PrincipalOrgID', 'StringEquals', 'o-abc123'],
    ['aws:PrincipalOrgPaths', 'ForAnyValue:StringEquals', 'o-a/r-ab12/ou-ab12-11111111/'],
    ['aws:PrincipalAccount', 'StringEquals', '111122223333'],
    ['aws:PrincipalArn', 'ArnEquals', 'arn:aws:iam::111122223333:role/reader'],
    ['aws:userid', 'StringEquals', 'AIDAEXAMPLE'],
    ['aws:SourceArn', 'ArnLike', 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE'],
    ['aws:SourceAccount', 'StringEquals', '111122223333'],
    ['aws:SourceOwner', 'StringEquals', '111122223333'],
  ])('%s with %s and a fixed value restricts', (key, operator, value) => {
    expect(restricted({ [operator]: { [key]: value } })).toBe('not-public');
  });

  it('reads condition keys and operators case-insensitively', () => {
    expect(restricted({ stringequals: { 'AWS:PRINCIPALORGID': 'o-abc123' } })).toBe('not-public');
  });

  it.each([
    ['a negated operator', { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } }],
    ['NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }],
    ['an IfExists operator', { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['ForAllValues:', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a/r-ab12/' } }],
    ['a wildcard value', { StringLike: { 'aws:SourceVpc': 'vpc-*' } }],
    ['a policy variable', { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } }],
    ['0.0.0.0/0', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }],
    ['a block wider than /8', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '0.0.0.0/1'] } }],
    ['aws:SecureTransport (HTTPS, not identity)', { Bool: { 'aws:SecureTransport': 'true' } }],
    [
      'aws:Referer (a header anyone can send)',
      { StringLike: { 'aws:Referer': 'https://example.com/*' } },
    ],
    ['s3:prefix', { StringEquals: { 's3:prefix': 'public/' } }],
    ['Null', { Null: { 'aws:PrincipalOrgID': 'false' } }],
    ['a date', { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }],
  ])('%s does not restrict', (_name, condition) => {
    expect(restrictingCondition(condition)).toBeNull();
    expect(restricted(condition)).toBe('public');
  });

  it('restricts when any one condition of a statement does (they are ANDed)', () => {
    expect(
      restricted({
        Bool: { 'aws:SecureTransport': 'true' },
        IpAddress: { 'aws:SourceIp': '198.51.100.7' },
      }),
    ).toBe('not-public');
  });
});

describe('malformed documents', () => {
  it.each([
    ['no document', undefined, 'the record carries no policy document'],
    ['an empty string', '', 'the record carries no policy document'],
    ['a list', ['x'], 'the policy is not a JSON object'],
    ['no Statement', { Version: '2012-10-17' }, 'the policy has no Statement'],
    ['a Statement string', { Statement: 'allow all' }, 'Statement is neither an object nor a list'],
    [
      'no readable Effect',
      { Statement: [{ Principal: '*' }] },
      'no statement has a readable Effect',
    ],
  ])('%s gives unknown with a reason', (_name, doc, problem) => {
    expect(evaluateBucketPolicy(doc)).toMatchObject({ status: 'unknown', problem });
  });

  it('reads a policy given as JSON text', () => {
    expect(evaluateBucketPolicy(JSON.stringify(allow({ Principal: '*' }))).status).toBe('public');
  });

  it('keeps the readable statements when one is garbage, and says so', () => {
    const v = evaluateBucketPolicy({
      Statement: [42, { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
    });
    expect(v).toMatchObject({ status: 'public', problem: '1 statement(s) could not be read' });
  });
});
