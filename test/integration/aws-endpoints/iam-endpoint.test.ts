// The local IAM endpoint answers the real IAMClient over awsQuery: a caller can deactivate a key,
// write and read inline policies, and see IAM's errors as the SDK's typed exceptions. State is
// seeded from the Stratus "create admin user" capture and read back directly.
import {
  DeleteUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  IAMServiceException,
  ListAccessKeysCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { clientConfig, TEST_CREDENTIALS } from '../../helpers/aws/client-config';
import { startIamEndpoint, type IamEndpoint } from '../../helpers/aws/iam-endpoint';
import type { IamSeed } from '../../helpers/aws/iam-state';

// From aws.persistence.iam-create-admin-user.json: CreateUser / CreateAccessKey responses.
const ATTACKER = 'malicious-iam-user';
const ATTACKER_KEY = 'AKIAXAFZN8JEPF6L682H';
// From aws.credential-access.ec2-steal-instance-credentials.json: the operator's own key.
const OPERATOR = 'christophe';
const OPERATOR_KEY = 'AKIAAM80VXLJF8NPK4VC';

const seed: IamSeed = {
  accountId: '229654561268',
  users: [
    {
      userName: ATTACKER,
      userId: 'AIDAL1XMLVWIUOK8KAF0',
      createDate: '2024-08-01T13:33:28Z',
      accessKeys: [
        {
          accessKeyId: ATTACKER_KEY,
          createDate: '2024-08-01T13:33:28Z',
          lastUsed: { date: '2024-08-01T13:40:00Z', serviceName: 'iam', region: 'us-east-1' },
        },
      ],
    },
    {
      userName: OPERATOR,
      accessKeys: [
        { accessKeyId: OPERATOR_KEY },
        { accessKeyId: 'AKIAOPERATOROLDKEY01', status: 'Inactive' },
      ],
    },
  ],
  roles: [{ roleName: 'incident-response' }],
};

let endpoint: IamEndpoint | undefined;
let iam: IAMClient | undefined;
afterEach(async () => {
  iam?.destroy();
  iam = undefined;
  await endpoint?.stop();
  endpoint = undefined;
});

async function start(credentials = TEST_CREDENTIALS) {
  endpoint = await startIamEndpoint(seed);
  iam = new IAMClient(clientConfig(endpoint, { credentials }));
  return { ep: endpoint, client: iam };
}

const DENY_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'CairnContainment', Effect: 'Deny', Action: '*', Resource: '*' }],
});

describe('IAM containment calls against local state', () => {
  it('deactivates a leaked key and the state reads back Inactive', async () => {
    const { ep, client } = await start();
    const before = await client.send(new ListAccessKeysCommand({ UserName: ATTACKER }));
    expect(before.AccessKeyMetadata).toEqual([
      {
        UserName: ATTACKER,
        AccessKeyId: ATTACKER_KEY,
        Status: 'Active',
        CreateDate: new Date('2024-08-01T13:33:28Z'),
      },
    ]);
    expect(before.IsTruncated).toBe(false);

    await client.send(
      new UpdateAccessKeyCommand({
        UserName: ATTACKER,
        AccessKeyId: ATTACKER_KEY,
        Status: 'Inactive',
      }),
    );
    expect(ep.accessKey(ATTACKER_KEY)?.status).toBe('Inactive');
    const after = await client.send(new ListAccessKeysCommand({ UserName: ATTACKER }));
    expect(after.AccessKeyMetadata?.[0]?.Status).toBe('Inactive');

    expect(ep.requests[1]).toMatchObject({
      action: 'UpdateAccessKey',
      params: {
        Action: 'UpdateAccessKey',
        Version: '2010-05-08',
        UserName: ATTACKER,
        AccessKeyId: ATTACKER_KEY,
        Status: 'Inactive',
      },
      region: 'us-east-1',
      accessKeyId: TEST_CREDENTIALS.accessKeyId,
      status: 200,
    });
    expect(ep.requests[1]?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('pages ListAccessKeys with MaxItems and Marker', async () => {
    const { client } = await start();
    const first = await client.send(new ListAccessKeysCommand({ UserName: OPERATOR, MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    const second = await client.send(
      new ListAccessKeysCommand({ UserName: OPERATOR, MaxItems: 1, Marker: first.Marker }),
    );
    expect(second.IsTruncated).toBe(false);
    expect(
      [...(first.AccessKeyMetadata ?? []), ...(second.AccessKeyMetadata ?? [])].map((k) => [
        k.AccessKeyId,
        k.Status,
      ]),
    ).toEqual([
      [OPERATOR_KEY, 'Active'],
      ['AKIAOPERATOROLDKEY01', 'Inactive'],
    ]);
  });

  it('infers the user from the signing key when UserName is left out, as IAM does', async () => {
    const { client } = await start({ accessKeyId: OPERATOR_KEY, secretAccessKey: 'x' });
    const me = await client.send(new GetUserCommand({}));
    expect(me.User?.UserName).toBe(OPERATOR);
    expect(me.User?.Arn).toBe(`arn:aws:iam::229654561268:user/${OPERATOR}`);
    const keys = await client.send(new ListAccessKeysCommand({}));
    expect(keys.AccessKeyMetadata).toHaveLength(2);
  });

  it('refuses an implicit user for credentials that belong to no user', async () => {
    const { client } = await start();
    const error = await client.send(new GetUserCommand({})).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IAMServiceException);
    expect((error as IAMServiceException).name).toBe('ValidationError');
  });

  it('writes, reads (URL-encoded, like IAM) and deletes an inline deny policy', async () => {
    const { ep, client } = await start();
    await client.send(
      new PutUserPolicyCommand({
        UserName: ATTACKER,
        PolicyName: 'cairn-deny-all',
        PolicyDocument: DENY_ALL,
      }),
    );
    expect(ep.userPolicy(ATTACKER, 'cairn-deny-all')).toBe(DENY_ALL);
    const got = await client.send(
      new GetUserPolicyCommand({ UserName: ATTACKER, PolicyName: 'cairn-deny-all' }),
    );
    expect(got.PolicyDocument).toBe(encodeURIComponent(DENY_ALL));
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument ?? ''))).toEqual(JSON.parse(DENY_ALL));
    await client.send(
      new DeleteUserPolicyCommand({ UserName: ATTACKER, PolicyName: 'cairn-deny-all' }),
    );
    expect(ep.userPolicy(ATTACKER, 'cairn-deny-all')).toBeUndefined();
  });

  it('puts a role policy', async () => {
    const { ep, client } = await start();
    await client.send(
      new PutRolePolicyCommand({
        RoleName: 'incident-response',
        PolicyName: 'revoke-sessions',
        PolicyDocument: DENY_ALL,
      }),
    );
    expect(ep.rolePolicy('incident-response', 'revoke-sessions')).toBe(DENY_ALL);
  });

  it('reports when a key was last used, or N/A', async () => {
    const { client } = await start();
    const used = await client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: ATTACKER_KEY }));
    expect(used.UserName).toBe(ATTACKER);
    expect(used.AccessKeyLastUsed).toEqual({
      LastUsedDate: new Date('2024-08-01T13:40:00Z'),
      ServiceName: 'iam',
      Region: 'us-east-1',
    });
    const never = await client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: OPERATOR_KEY }));
    expect(never.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
  });
});

describe('IAM errors surface as the SDK typed exceptions', () => {
  it('NoSuchEntity for an unknown user, a key of another user, or a missing policy', async () => {
    const { ep, client } = await start();
    const cases = [
      new UpdateAccessKeyCommand({
        UserName: 'nobody',
        AccessKeyId: ATTACKER_KEY,
        Status: 'Inactive',
      }),
      new UpdateAccessKeyCommand({
        UserName: OPERATOR,
        AccessKeyId: ATTACKER_KEY,
        Status: 'Inactive',
      }),
      new GetUserPolicyCommand({ UserName: ATTACKER, PolicyName: 'absent' }),
      new PutRolePolicyCommand({ RoleName: 'absent', PolicyName: 'p', PolicyDocument: DENY_ALL }),
    ];
    for (const command of cases) {
      // Each command type has its own output; the union is irrelevant for an expected failure.
      const error = await client.send(command as UpdateAccessKeyCommand).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NoSuchEntityException);
      expect((error as NoSuchEntityException).$metadata.httpStatusCode).toBe(404);
    }
    expect(ep.accessKey(ATTACKER_KEY)?.status).toBe('Active');
    expect(ep.requests.map((r) => r.errorCode)).toEqual([
      'NoSuchEntity',
      'NoSuchEntity',
      'NoSuchEntity',
      'NoSuchEntity',
    ]);
  });

  it('MalformedPolicyDocument for a policy that is not JSON', async () => {
    const { client } = await start();
    await expect(
      client.send(
        new PutUserPolicyCommand({
          UserName: ATTACKER,
          PolicyName: 'p',
          PolicyDocument: '{not json',
        }),
      ),
    ).rejects.toBeInstanceOf(MalformedPolicyDocumentException);
  });

  it('AccessDenied on demand, for one action and a set number of times', async () => {
    const { ep, client } = await start();
    ep.failWith({ action: 'UpdateAccessKey', code: 'AccessDenied', times: 1 });
    const update = new UpdateAccessKeyCommand({
      UserName: ATTACKER,
      AccessKeyId: ATTACKER_KEY,
      Status: 'Inactive',
    });
    const error = await client.send(update).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IAMServiceException);
    expect((error as IAMServiceException).name).toBe('AccessDenied');
    expect((error as IAMServiceException).$metadata.httpStatusCode).toBe(403);
    expect((error as Error).message).toMatch(/is not authorized to perform: iam:UpdateAccessKey/);
    expect(ep.accessKey(ATTACKER_KEY)?.status).toBe('Active');
    // Other actions are unaffected, and the next attempt goes through.
    await client.send(new ListAccessKeysCommand({ UserName: ATTACKER }));
    await client.send(update);
    expect(ep.accessKey(ATTACKER_KEY)?.status).toBe('Inactive');
  });

  it('forced NoSuchEntity until cleared', async () => {
    const { ep, client } = await start();
    ep.failWith({ code: 'NoSuchEntity', message: 'The user with name x cannot be found.' });
    await expect(client.send(new GetUserCommand({ UserName: ATTACKER }))).rejects.toBeInstanceOf(
      NoSuchEntityException,
    );
    await expect(client.send(new GetUserCommand({ UserName: ATTACKER }))).rejects.toBeInstanceOf(
      NoSuchEntityException,
    );
    ep.clearFailures();
    await expect(client.send(new GetUserCommand({ UserName: ATTACKER }))).resolves.toMatchObject({
      User: { UserName: ATTACKER, UserId: 'AIDAL1XMLVWIUOK8KAF0' },
    });
  });

  it('answers IAM-shaped XML errors on the wire', async () => {
    const { ep } = await start();
    const response = await fetch(ep.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIACAIRNTEST0000001/20240801/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: 'Action=GetUser&Version=2010-05-08&UserName=nobody',
    });
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toContain('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
    expect(text).toContain('<Code>NoSuchEntity</Code>');
    expect(text).toContain('<Type>Sender</Type>');
  });
});
