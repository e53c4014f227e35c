// Deactivating a leaked key with the real IAMClient against the local IAM endpoint: the exact
// requests sent, the state read back, and every way it can stop short (refused, unknown key,
// no credentials, a read-back that does not show the change yet).
import { afterEach, describe, expect, it } from 'vitest';
import {
  executeContainment,
  OutcomeSchema,
  verifyContainment,
  type ContainmentAction,
} from '../../../src/runbook/containment';
import { TEST_CREDENTIALS } from '../../helpers/aws/client-config';
import { startIamEndpoint, type IamEndpoint } from '../../helpers/aws/iam-endpoint';
import type { IamSeed } from '../../helpers/aws/iam-state';
import { useTestCredentials } from './credentials';

const credentials = useTestCredentials();

// Names from the Stratus Red Team "create admin user" capture (test/fixtures/data).
const ATTACKER = 'malicious-iam-user';
const ATTACKER_KEY = 'AKIAXAFZN8JEPF6L682H';
const NOW = Date.parse('2024-08-01T14:00:00Z');

const seed: IamSeed = {
  accountId: '229654561268',
  users: [
    {
      userName: ATTACKER,
      accessKeys: [
        {
          accessKeyId: ATTACKER_KEY,
          lastUsed: { date: '2024-08-01T13:40:00Z', serviceName: 'iam', region: 'us-east-1' },
        },
      ],
    },
    { userName: 'christophe', accessKeys: [{ accessKeyId: 'AKIAAM80VXLJF8NPK4VC' }] },
  ],
};

let ep: IamEndpoint | undefined;
afterEach(async () => {
  await ep?.stop();
  ep = undefined;
});

async function run(action: ContainmentAction, endpoint?: IamEndpoint) {
  ep = endpoint ?? (await startIamEndpoint(seed));
  const outcome = await executeContainment(action, {
    aws: { endpoint: ep.url },
    dryRun: false,
    confirmed: true,
    now: NOW,
  });
  return { ep, outcome };
}

const named: ContainmentAction = {
  kind: 'deactivate-access-key',
  accessKeyId: ATTACKER_KEY,
  userName: ATTACKER,
};
const ownerUnknown: ContainmentAction = {
  kind: 'deactivate-access-key',
  accessKeyId: ATTACKER_KEY,
};

describe('deactivate-access-key against IAM', () => {
  it('sends UpdateAccessKey Inactive for the named user, then lists the keys to verify', async () => {
    const { ep, outcome } = await run(named);
    expect(ep.requests.map((r) => [r.action, r.status])).toEqual([
      ['UpdateAccessKey', 200],
      ['ListAccessKeys', 200],
    ]);
    expect(ep.requests[0]?.params).toEqual({
      Action: 'UpdateAccessKey',
      Version: '2010-05-08',
      UserName: ATTACKER,
      AccessKeyId: ATTACKER_KEY,
      Status: 'Inactive',
    });
    expect(ep.requests[1]?.params).toEqual({
      Action: 'ListAccessKeys',
      Version: '2010-05-08',
      UserName: ATTACKER,
    });
    // Signed with the credentials of the standard chain (here the environment).
    expect(ep.requests[0]?.accessKeyId).toBe(TEST_CREDENTIALS.accessKeyId);
    expect(ep.accessKey(ATTACKER_KEY)?.status).toBe('Inactive');

    expect(outcome.status).toBe('done-verified');
    expect(outcome.verification).toEqual({
      ok: true,
      observed: { accessKeyId: ATTACKER_KEY, userName: ATTACKER, status: 'Inactive' },
      expected: { accessKeyId: ATTACKER_KEY, status: 'Inactive' },
      notes: [],
    });
    expect(outcome.calls.map((c) => [c.operation, c.ok])).toEqual([
      ['UpdateAccessKey', true],
      ['ListAccessKeys', true],
    ]);
    expect(outcome.calls[0]?.input).toEqual({
      UserName: ATTACKER,
      AccessKeyId: ATTACKER_KEY,
      Status: 'Inactive',
    });
    expect(outcome.calls[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcome.manualCommand).toBeUndefined();
    expect(outcome.at).toBe(NOW);
    // The outcome is what the API will carry: it must satisfy its own schema.
    expect(OutcomeSchema.parse(outcome)).toEqual(outcome);
  });

  it('asks IAM who owns the key when no user is named, and names that user in the change', async () => {
    const { ep, outcome } = await run(ownerUnknown);
    expect(ep.requests.map((r) => r.action)).toEqual([
      'GetAccessKeyLastUsed',
      'UpdateAccessKey',
      'ListAccessKeys',
    ]);
    expect(ep.requests[0]?.params).toEqual({
      Action: 'GetAccessKeyLastUsed',
      Version: '2010-05-08',
      AccessKeyId: ATTACKER_KEY,
    });
    expect(ep.requests[1]?.params.UserName).toBe(ATTACKER);
    expect(outcome.status).toBe('done-verified');
    expect(outcome.action).toEqual({ ...ownerUnknown, userName: ATTACKER });
    // The lookup's answer is kept: when the key was last used, and by which service.
    expect(outcome.calls[0]?.output).toEqual({
      UserName: ATTACKER,
      AccessKeyLastUsed: {
        LastUsedDate: '2024-08-01T13:40:00.000Z',
        ServiceName: 'iam',
        Region: 'us-east-1',
      },
    });
  });

  it('AccessDenied on the change: manual-required with the exact command, key untouched', async () => {
    ep = await startIamEndpoint(seed);
    ep.failWith({ action: 'UpdateAccessKey', code: 'AccessDenied' });
    const { outcome } = await run(named, ep);
    expect(outcome.status).toBe('manual-required');
    expect(outcome.manualCommand).toBe(
      `aws iam update-access-key --user-name malicious-iam-user --access-key-id AKIAXAFZN8JEPF6L682H --status Inactive --endpoint-url ${ep.url}`,
    );
    expect(outcome.message).toMatch(/access denied/);
    expect(outcome.message).toContain('UpdateAccessKey');
    expect(outcome.hint).toContain('iam:UpdateAccessKey');
    expect(outcome.hint).toContain('confirm');
    expect(outcome.verification).toBeUndefined();
    expect(OutcomeSchema.parse(outcome)).toEqual(outcome);
    expect(outcome.calls).toEqual([
      expect.objectContaining({
        operation: 'UpdateAccessKey',
        ok: false,
        httpStatus: 403,
        error: {
          name: 'AccessDenied',
          message: `User: arn:aws:iam::229654561268:user/cairn-test-caller is not authorized to perform: iam:UpdateAccessKey`,
        },
      }),
    ]);
    expect(ep.accessKey(ATTACKER_KEY)?.status).toBe('Active');
  });

  it('a refused owner lookup (e.g. a key of another account) asks for the command with the lookup inline', async () => {
    const stranger = 'AKIAOTHERACCOUNT0001';
    const { ep, outcome } = await run({ kind: 'deactivate-access-key', accessKeyId: stranger });
    expect(ep.requests.map((r) => [r.action, r.errorCode])).toEqual([
      ['GetAccessKeyLastUsed', 'AccessDenied'],
    ]);
    expect(outcome.status).toBe('manual-required');
    expect(outcome.hint).toContain('another account');
    expect(outcome.hint).toContain('iam:UpdateAccessKey and iam:GetAccessKeyLastUsed');
    expect(outcome.manualCommand).toBe(
      `aws iam update-access-key --user-name "$(aws iam get-access-key-last-used --access-key-id ${stranger} --query UserName --output text --endpoint-url ${ep.url})" --access-key-id ${stranger} --status Inactive --endpoint-url ${ep.url}`,
    );
  });

  it('a key the user does not have: failed, naming the key, nothing changed', async () => {
    const missing = 'AKIANOSUCHKEY0000001';
    const { ep, outcome } = await run({ ...named, accessKeyId: missing });
    expect(ep.requests.map((r) => [r.action, r.errorCode])).toEqual([
      ['UpdateAccessKey', 'NoSuchEntity'],
    ]);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toContain(missing);
    expect(outcome.message).toContain(`The Access Key with id ${missing} cannot be found.`);
    expect(outcome.hint).toMatch(/check the names and ids/);
    // Still given, so the responder can fix the id and run it by hand.
    expect(outcome.manualCommand).toContain(`--access-key-id ${missing}`);
  });

  it('a user that does not exist: failed, naming the user', async () => {
    const { outcome } = await run({ ...named, userName: 'nobody' });
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toContain('The user with name nobody cannot be found.');
  });

  it('a read-back that still shows the key active (IAM is eventually consistent): done-unverified', async () => {
    ep = await startIamEndpoint(seed);
    const key = ep.accessKey(ATTACKER_KEY);
    if (!key) throw new Error('seed has the key');
    // The write is accepted but the state read back has not caught up.
    Object.defineProperty(key, 'status', { get: () => 'Active', set: () => undefined });
    const { outcome } = await run(named, ep);
    expect(ep.requests.map((r) => [r.action, r.status])).toEqual([
      ['UpdateAccessKey', 200],
      ['ListAccessKeys', 200],
    ]);
    expect(outcome.status).toBe('done-unverified');
    expect(outcome.verification).toEqual({
      ok: false,
      observed: { accessKeyId: ATTACKER_KEY, userName: ATTACKER, status: 'Active' },
      expected: { accessKeyId: ATTACKER_KEY, status: 'Inactive' },
      notes: [],
    });
  });

  it('a read-back that is refused: done-unverified with the error as what was observed', async () => {
    ep = await startIamEndpoint(seed);
    ep.failWith({ action: 'ListAccessKeys', code: 'AccessDenied' });
    const { outcome } = await run(named, ep);
    expect(ep.accessKey(ATTACKER_KEY)?.status).toBe('Inactive');
    expect(outcome.status).toBe('done-unverified');
    expect(outcome.verification?.ok).toBe(false);
    expect(outcome.verification?.observed.error).toMatch(
      /^ListAccessKeys: AccessDenied: .*not authorized to perform: iam:ListAccessKeys/,
    );
  });

  it('no credentials at all: manual-required, and nothing reaches IAM', async () => {
    credentials.remove();
    const { ep, outcome } = await run(named);
    expect(ep.requests).toEqual([]);
    expect(outcome.status).toBe('manual-required');
    expect(outcome.message).toMatch(/no AWS credentials found/);
    expect(outcome.hint).toMatch(/^Cairn has no usable AWS credentials/);
    expect(outcome.manualCommand).toBe(
      `aws iam update-access-key --user-name malicious-iam-user --access-key-id AKIAXAFZN8JEPF6L682H --status Inactive --endpoint-url ${ep.url}`,
    );
  });

  it('an IAM failure that is not about credentials: failed, with the command to retry by hand', async () => {
    ep = await startIamEndpoint(seed);
    ep.failWith({ action: 'UpdateAccessKey', code: 'ServiceFailure' });
    const { outcome } = await run(named, ep);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toContain('ServiceFailure');
    expect(outcome.manualCommand).toContain('aws iam update-access-key');
  });
});

describe('verifyContainment (after the responder ran the command by hand)', () => {
  it('finds the owner, lists the keys and reports the key inactive, changing nothing', async () => {
    ep = await startIamEndpoint(seed);
    ep.state.keys.get(ATTACKER_KEY)!.status = 'Inactive';
    const result = await verifyContainment(ownerUnknown, { endpoint: ep.url });
    expect(ep.requests.map((r) => r.action)).toEqual(['GetAccessKeyLastUsed', 'ListAccessKeys']);
    expect(result.action).toEqual({ ...ownerUnknown, userName: ATTACKER });
    expect(result.verification.ok).toBe(true);
    expect(result.calls).toHaveLength(2);
  });

  it('says so when the key is still active', async () => {
    ep = await startIamEndpoint(seed);
    const result = await verifyContainment(named, { endpoint: ep.url });
    expect(ep.requests.map((r) => r.action)).toEqual(['ListAccessKeys']);
    expect(result.verification).toMatchObject({ ok: false, observed: { status: 'Active' } });
  });

  it('an owner that cannot be looked up: not verified, with the reason', async () => {
    ep = await startIamEndpoint(seed);
    const result = await verifyContainment(
      { kind: 'deactivate-access-key', accessKeyId: 'AKIAOTHERACCOUNT0001' },
      { endpoint: ep.url },
    );
    expect(result.verification.ok).toBe(false);
    expect(result.verification.observed.error).toMatch(/^GetAccessKeyLastUsed: AccessDenied/);
  });
});
