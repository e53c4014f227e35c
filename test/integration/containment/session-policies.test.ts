// revoke-older-sessions and deny-all with the real IAMClient against the local IAM endpoint: the
// exact inline policy put, and the read-back (URL-encoded by IAM) compared by meaning.
import { afterEach, describe, expect, it } from 'vitest';
import { executeContainment, type ContainmentAction } from '../../../src/runbook/containment';
import { startIamEndpoint, type IamEndpoint } from '../../helpers/aws/iam-endpoint';
import type { IamSeed } from '../../helpers/aws/iam-state';
import { useTestCredentials } from './credentials';

useTestCredentials();

// The IAM user of the Stratus "steal EC2 instance credentials" capture, and a role.
const USER = 'christophe';
const ROLE = 'incident-response';
const NOW = Date.parse('2024-08-01T14:00:00Z');
const seed: IamSeed = {
  accountId: '229654561268',
  users: [{ userName: USER, accessKeys: [{ accessKeyId: 'AKIAAM80VXLJF8NPK4VC' }] }],
  roles: [{ roleName: ROLE }],
};

// Written out by hand: what AWS's console attaches to revoke older sessions, for 14:00:00Z.
const REVOKE_DOC =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],' +
  '"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2024-08-01T14:00:00Z"}}}]}';
const DENY_ALL_DOC =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"]}]}';

let ep: IamEndpoint | undefined;
afterEach(async () => {
  await ep?.stop();
  ep = undefined;
});

async function run(action: ContainmentAction, prepared?: IamEndpoint) {
  ep = prepared ?? (await startIamEndpoint(seed));
  const outcome = await executeContainment(action, {
    aws: { endpoint: ep.url },
    dryRun: false,
    confirmed: true,
    now: NOW,
  });
  return { ep, outcome };
}

const revokeUser: ContainmentAction = {
  kind: 'revoke-older-sessions',
  principal: 'user',
  name: USER,
  issuedBefore: '2024-08-01T14:00:00Z',
};

/** Makes the endpoint store `stored` whatever document it is given (as if IAM rewrote it). */
function storeInstead(endpoint: IamEndpoint, stored: string): void {
  const policies = endpoint.user(USER)?.policies;
  if (!policies) throw new Error('seed has the user');
  const set = policies.set.bind(policies);
  policies.set = (name: string) => set(name, stored);
}

describe('revoke-older-sessions', () => {
  it('puts AWSRevokeOlderSessions on the user and reads the same document back', async () => {
    const { ep, outcome } = await run(revokeUser);
    expect(ep.requests.map((r) => [r.action, r.status])).toEqual([
      ['PutUserPolicy', 200],
      ['GetUserPolicy', 200],
    ]);
    expect(ep.requests[0]?.params).toEqual({
      Action: 'PutUserPolicy',
      Version: '2010-05-08',
      UserName: USER,
      PolicyName: 'AWSRevokeOlderSessions',
      PolicyDocument: REVOKE_DOC,
    });
    expect(ep.requests[1]?.params).toEqual({
      Action: 'GetUserPolicy',
      Version: '2010-05-08',
      UserName: USER,
      PolicyName: 'AWSRevokeOlderSessions',
    });
    expect(ep.userPolicy(USER, 'AWSRevokeOlderSessions')).toBe(REVOKE_DOC);
    expect(outcome.status).toBe('done-verified');
    expect(outcome.verification?.observed).toEqual({
      policyName: 'AWSRevokeOlderSessions',
      document: JSON.parse(REVOKE_DOC) as unknown,
    });
    // IAM answered URL-encoded; the record keeps the answer as it came.
    expect(outcome.calls[1]?.output?.PolicyDocument).toBe(encodeURIComponent(REVOKE_DOC));
  });

  it('accepts a read-back that means the same but is written differently', async () => {
    ep = await startIamEndpoint(seed);
    storeInstead(
      ep,
      JSON.stringify(
        {
          Statement: {
            Resource: '*',
            Condition: { DateLessThan: { 'aws:TokenIssueTime': '2024-08-01T14:00:00Z' } },
            Action: '*',
            Effect: 'Deny',
          },
          Version: '2012-10-17',
        },
        null,
        2,
      ),
    );
    const { outcome } = await run(revokeUser, ep);
    expect(outcome.status).toBe('done-verified');
  });

  it('a read-back with another instant: done-unverified, showing the document observed', async () => {
    ep = await startIamEndpoint(seed);
    const older = REVOKE_DOC.replace('2024-08-01T14:00:00Z', '2024-07-01T00:00:00Z');
    storeInstead(ep, older);
    const { outcome } = await run(revokeUser, ep);
    expect(outcome.status).toBe('done-unverified');
    expect(outcome.verification?.observed.document).toEqual(JSON.parse(older));
    expect(outcome.verification?.expected.document).toEqual(JSON.parse(REVOKE_DOC));
  });

  it('puts the policy on a role with PutRolePolicy', async () => {
    const { ep, outcome } = await run({ ...revokeUser, principal: 'role', name: ROLE });
    expect(ep.requests[0]?.params).toEqual({
      Action: 'PutRolePolicy',
      Version: '2010-05-08',
      RoleName: ROLE,
      PolicyName: 'AWSRevokeOlderSessions',
      PolicyDocument: REVOKE_DOC,
    });
    expect(ep.rolePolicy(ROLE, 'AWSRevokeOlderSessions')).toBe(REVOKE_DOC);
    // The local endpoint does not answer GetRolePolicy (yet), so the read-back cannot confirm
    // it: the outcome says so instead of claiming success.
    expect(ep.requests[1]).toMatchObject({ action: 'GetRolePolicy', errorCode: 'InvalidAction' });
    expect(outcome.status).toBe('done-unverified');
    expect(outcome.verification?.observed.error).toMatch(/^GetRolePolicy: InvalidAction/);
  });

  it('refuses an instant well after now, before sending anything', async () => {
    ep = await startIamEndpoint(seed);
    const refused = run({ ...revokeUser, issuedBefore: '2024-08-01T15:00:00Z' }, ep);
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(refused).rejects.toThrow(/issuedBefore: 2024-08-01T15:00:00Z is after now/);
    expect(ep.requests).toEqual([]);
  });
});

describe('deny-all', () => {
  it('puts CairnDenyAll on the user and verifies it', async () => {
    const { ep, outcome } = await run({ kind: 'deny-all', principal: 'user', name: USER });
    expect(ep.requests[0]?.params).toEqual({
      Action: 'PutUserPolicy',
      Version: '2010-05-08',
      UserName: USER,
      PolicyName: 'CairnDenyAll',
      PolicyDocument: DENY_ALL_DOC,
    });
    expect(ep.userPolicy(USER, 'CairnDenyAll')).toBe(DENY_ALL_DOC);
    expect(outcome.status).toBe('done-verified');
  });

  it('AccessDenied: manual-required with the command, the policy quoted for the shell', async () => {
    ep = await startIamEndpoint(seed);
    ep.failWith({ action: 'PutUserPolicy', code: 'AccessDenied' });
    const { outcome } = await run({ kind: 'deny-all', principal: 'user', name: USER }, ep);
    expect(outcome.status).toBe('manual-required');
    expect(outcome.hint).toContain('iam:PutUserPolicy');
    expect(outcome.manualCommand).toBe(
      `aws iam put-user-policy --user-name christophe --policy-name CairnDenyAll --policy-document '${DENY_ALL_DOC}' --endpoint-url ${ep.url}`,
    );
    expect(ep.userPolicy(USER, 'CairnDenyAll')).toBeUndefined();
  });

  it('a role that does not exist: failed, naming it', async () => {
    const { outcome } = await run({ kind: 'deny-all', principal: 'role', name: 'no-such-role' });
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toContain('IAM role no-such-role');
    expect(outcome.message).toContain('The role with name no-such-role cannot be found.');
  });
});
