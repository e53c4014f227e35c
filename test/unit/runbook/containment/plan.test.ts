// The plan shown before anything runs: exact AWS CLI commands (pasteable, quoted) and exact SDK
// inputs for each action. Expected strings are written out by hand from the AWS CLI reference.
import { describe, expect, it } from 'vitest';
import { planContainment } from '../../../../src/runbook/containment';

const KEY = 'AKIAXAFZN8JEPF6L682H';

describe('deactivate-access-key plan', () => {
  it('names the user: one UpdateAccessKey Inactive, checked with ListAccessKeys', () => {
    const plan = planContainment({
      kind: 'deactivate-access-key',
      accessKeyId: KEY,
      userName: 'malicious-iam-user',
    });
    expect(plan.lookups).toEqual([]);
    expect(plan.changes).toEqual([
      {
        service: 'iam',
        operation: 'UpdateAccessKey',
        input: { UserName: 'malicious-iam-user', AccessKeyId: KEY, Status: 'Inactive' },
        cli: `aws iam update-access-key --user-name malicious-iam-user --access-key-id ${KEY} --status Inactive`,
      },
    ]);
    expect(plan.manualCommand).toBe(plan.changes[0]?.cli);
    expect(plan.checks).toEqual([
      {
        service: 'iam',
        operation: 'ListAccessKeys',
        input: { UserName: 'malicious-iam-user' },
        cli: 'aws iam list-access-keys --user-name malicious-iam-user',
        expect: `${KEY} is listed for malicious-iam-user with Status Inactive`,
      },
    ]);
    expect(plan.undo.cli).toEqual([
      `aws iam update-access-key --user-name malicious-iam-user --access-key-id ${KEY} --status Active`,
    ]);
    expect(plan.why).toMatch(/Deactivate, do not delete/);
    expect(plan.breaks[0]).toMatch(/start failing/);
    expect(plan.notes).toEqual([]);
  });

  it('without a user: looks the owner up first and says why', () => {
    const plan = planContainment({ kind: 'deactivate-access-key', accessKeyId: KEY });
    expect(plan.lookups).toEqual([
      {
        service: 'iam',
        operation: 'GetAccessKeyLastUsed',
        input: { AccessKeyId: KEY },
        cli: `aws iam get-access-key-last-used --access-key-id ${KEY} --query UserName --output text`,
      },
    ]);
    expect(plan.changes[0]?.input).toEqual({ AccessKeyId: KEY, Status: 'Inactive' });
    expect(plan.manualCommand).toBe(
      `aws iam update-access-key --user-name "$(aws iam get-access-key-last-used --access-key-id ${KEY} --query UserName --output text)" --access-key-id ${KEY} --status Inactive`,
    );
    expect(plan.notes.join(' ')).toMatch(/user whose credentials sign the request/);
    expect(plan.notes.join(' ')).toContain(`aws sts get-access-key-info --access-key-id ${KEY}`);
  });

  it('adds --profile and --endpoint-url as Cairn would use them, but no --region for IAM', () => {
    const plan = planContainment(
      { kind: 'deactivate-access-key', accessKeyId: KEY, userName: 'svc+deploy@corp.example' },
      { profile: "ir team's", region: 'eu-west-1', endpoint: 'https://iam.example.test' },
    );
    expect(plan.manualCommand).toBe(
      `aws iam update-access-key --user-name svc+deploy@corp.example --access-key-id ${KEY} --status Inactive --profile 'ir team'\\''s' --endpoint-url https://iam.example.test`,
    );
  });
});

describe('block-public-access plan', () => {
  it('all four flags in the SDK input and in the CLI shorthand', () => {
    const plan = planContainment({ kind: 'block-public-access', bucket: 'cairn-exposed-exports' });
    expect(plan.changes).toEqual([
      {
        service: 's3',
        operation: 'PutPublicAccessBlock',
        input: {
          Bucket: 'cairn-exposed-exports',
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        },
        cli:
          'aws s3api put-public-access-block --bucket cairn-exposed-exports ' +
          '--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      },
    ]);
    expect(plan.lookups.map((c) => [c.operation, c.cli])).toEqual([
      ['GetPublicAccessBlock', 'aws s3api get-public-access-block --bucket cairn-exposed-exports'],
    ]);
    expect(plan.checks.map((c) => [c.operation, c.cli])).toEqual([
      ['GetPublicAccessBlock', 'aws s3api get-public-access-block --bucket cairn-exposed-exports'],
      [
        'GetBucketPolicyStatus',
        'aws s3api get-bucket-policy-status --bucket cairn-exposed-exports',
      ],
    ]);
    expect(plan.checks[1]?.expect).toMatch(/NoSuchBucketPolicy: not public/);
    expect(plan.undo.cli).toEqual([
      'aws s3api delete-public-access-block --bucket cairn-exposed-exports',
    ]);
  });

  it('the expected owner goes to every call, and the region to S3 commands', () => {
    const plan = planContainment(
      { kind: 'block-public-access', bucket: 'Legacy_Bucket.2011', accountId: '229654561268' },
      { region: 'us-east-1' },
    );
    expect(plan.changes[0]?.input).toMatchObject({
      Bucket: 'Legacy_Bucket.2011',
      ExpectedBucketOwner: '229654561268',
    });
    expect([...plan.lookups, ...plan.checks].map((c) => c.input)).toEqual([
      { Bucket: 'Legacy_Bucket.2011', ExpectedBucketOwner: '229654561268' },
      { Bucket: 'Legacy_Bucket.2011', ExpectedBucketOwner: '229654561268' },
      { Bucket: 'Legacy_Bucket.2011', ExpectedBucketOwner: '229654561268' },
    ]);
    expect(plan.manualCommand).toBe(
      'aws s3api put-public-access-block --bucket Legacy_Bucket.2011 --expected-bucket-owner 229654561268 ' +
        '--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true ' +
        '--region us-east-1',
    );
  });
});

describe('revoke-older-sessions plan', () => {
  const doc = (instant: string) =>
    '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],' +
    `"Condition":{"DateLessThan":{"aws:TokenIssueTime":"${instant}"}}}]}`;

  it('an inline AWSRevokeOlderSessions policy with the instant, quoted for the shell', () => {
    const plan = planContainment({
      kind: 'revoke-older-sessions',
      principal: 'user',
      name: 'christophe',
      issuedBefore: '2024-08-01T14:00:00Z',
    });
    expect(plan.changes).toEqual([
      {
        service: 'iam',
        operation: 'PutUserPolicy',
        input: {
          UserName: 'christophe',
          PolicyName: 'AWSRevokeOlderSessions',
          PolicyDocument: doc('2024-08-01T14:00:00Z'),
        },
        cli: `aws iam put-user-policy --user-name christophe --policy-name AWSRevokeOlderSessions --policy-document '${doc('2024-08-01T14:00:00Z')}'`,
      },
    ]);
    expect(plan.checks[0]?.cli).toBe(
      'aws iam get-user-policy --user-name christophe --policy-name AWSRevokeOlderSessions',
    );
    expect(plan.undo.cli).toEqual([
      'aws iam delete-user-policy --user-name christophe --policy-name AWSRevokeOlderSessions',
    ]);
    expect(plan.why).toMatch(/does not end the temporary/);
    // An IAM user's own key carries no token issue time: the plan says the key needs deactivating.
    expect(plan.notes.join(' ')).toMatch(/deactivate it as well/);
  });

  it('writes the instant in UTC whole seconds, rounding a fraction up', () => {
    const instantOf = (issuedBefore: string) =>
      planContainment({ kind: 'revoke-older-sessions', principal: 'role', name: 'r', issuedBefore })
        .changes[0]?.input.PolicyDocument;
    expect(instantOf('2024-08-01T16:00:00+02:00')).toBe(doc('2024-08-01T14:00:00Z'));
    expect(instantOf('2024-08-01T14:00:00.250Z')).toBe(doc('2024-08-01T14:00:01Z'));
    expect(instantOf('2024-08-01T14:00:00.000Z')).toBe(doc('2024-08-01T14:00:00Z'));
  });

  it('a role gets PutRolePolicy and DeleteRolePolicy', () => {
    const plan = planContainment({
      kind: 'revoke-older-sessions',
      principal: 'role',
      name: 'ec2-app-role',
      issuedBefore: '2024-08-01T14:00:00Z',
    });
    expect(plan.changes[0]?.operation).toBe('PutRolePolicy');
    expect(plan.changes[0]?.input).toMatchObject({ RoleName: 'ec2-app-role' });
    expect(plan.checks[0]?.operation).toBe('GetRolePolicy');
    expect(plan.undo.cli).toEqual([
      'aws iam delete-role-policy --role-name ec2-app-role --policy-name AWSRevokeOlderSessions',
    ]);
    expect(plan.notes.join(' ')).not.toMatch(/deactivate it as well/);
  });
});

describe('deny-all plan', () => {
  it('an inline CairnDenyAll policy denying * on *', () => {
    const plan = planContainment({
      kind: 'deny-all',
      principal: 'role',
      name: 'incident-response',
    });
    expect(plan.changes).toEqual([
      {
        service: 'iam',
        operation: 'PutRolePolicy',
        input: {
          RoleName: 'incident-response',
          PolicyName: 'CairnDenyAll',
          PolicyDocument:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"]}]}',
        },
        cli:
          'aws iam put-role-policy --role-name incident-response --policy-name CairnDenyAll ' +
          `--policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"]}]}'`,
      },
    ]);
    expect(plan.undo.cli).toEqual([
      'aws iam delete-role-policy --role-name incident-response --policy-name CairnDenyAll',
    ]);
  });
});
