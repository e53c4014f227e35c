// What executeContainment does before touching AWS: a dry run only plans, an unconfirmed run is
// refused naming the exact call, and neither makes an SDK client at all.
import type * as IamModule from '@aws-sdk/client-iam';
import type * as S3Module from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CairnError } from '../../../../src/shared/errors';

const made = vi.hoisted(() => ({ iam: 0, s3: 0 }));

vi.mock('@aws-sdk/client-iam', async (importOriginal) => {
  const actual = await importOriginal<typeof IamModule>();
  class IAMClient extends actual.IAMClient {
    constructor(...args: ConstructorParameters<typeof actual.IAMClient>) {
      made.iam += 1;
      super(...args);
    }
  }
  return { ...actual, IAMClient };
});
vi.mock('@aws-sdk/client-s3', async (importOriginal) => {
  const actual = await importOriginal<typeof S3Module>();
  class S3Client extends actual.S3Client {
    constructor(...args: ConstructorParameters<typeof actual.S3Client>) {
      made.s3 += 1;
      super(...args);
    }
  }
  return { ...actual, S3Client };
});

const { executeContainment, planContainment } = await import('../../../../src/runbook/containment');
import type { ContainmentAction } from '../../../../src/runbook/containment';

const NOW = Date.parse('2024-08-01T14:00:00Z');
// Nothing listens here: a request would fail loudly rather than reach anything.
const aws = { endpoint: 'http://127.0.0.1:9', region: 'us-east-1' };
const ACTIONS: ContainmentAction[] = [
  { kind: 'deactivate-access-key', accessKeyId: 'AKIAXAFZN8JEPF6L682H' },
  { kind: 'block-public-access', bucket: 'cairn-exposed-exports' },
  {
    kind: 'revoke-older-sessions',
    principal: 'user',
    name: 'christophe',
    issuedBefore: '2024-08-01T14:00:00Z',
  },
  { kind: 'deny-all', principal: 'role', name: 'incident-response' },
];

beforeEach(() => {
  made.iam = 0;
  made.s3 = 0;
});

describe('dry run', () => {
  it('returns the plan and the manual command, makes no client, needs no confirmation', async () => {
    for (const action of ACTIONS) {
      for (const confirmed of [false, true]) {
        const outcome = await executeContainment(action, {
          aws,
          dryRun: true,
          confirmed,
          now: NOW,
        });
        expect(outcome.status).toBe('dry-run');
        expect(outcome.calls).toEqual([]);
        expect(outcome.plan).toEqual(planContainment(action, aws));
        expect(outcome.manualCommand).toBe(outcome.plan.manualCommand);
        expect(outcome.verification).toBeUndefined();
        expect(outcome.at).toBe(NOW);
      }
    }
    expect(made).toEqual({ iam: 0, s3: 0 });
  });
});

describe('without confirmation', () => {
  it('refuses, naming the exact call that would run, and makes no client', async () => {
    const refusal = await executeContainment(
      { kind: 'deactivate-access-key', accessKeyId: 'AKIAXAFZN8JEPF6L682H', userName: 'bob' },
      { aws, dryRun: false, confirmed: false, now: NOW },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(CairnError);
    expect((refusal as CairnError).code).toBe('INVALID_INPUT');
    expect((refusal as CairnError).message).toBe(
      'containment not confirmed: it would call UpdateAccessKey {"UserName":"bob","AccessKeyId":"AKIAXAFZN8JEPF6L682H","Status":"Inactive"}',
    );
    expect((refusal as CairnError).hint).toContain(
      'aws iam update-access-key --user-name bob --access-key-id AKIAXAFZN8JEPF6L682H --status Inactive',
    );
    for (const action of ACTIONS) {
      await expect(
        executeContainment(action, { aws, dryRun: false, confirmed: false, now: NOW }),
      ).rejects.toThrow(/not confirmed/);
    }
    expect(made).toEqual({ iam: 0, s3: 0 });
  });

  it('validates the options too', async () => {
    await expect(
      executeContainment(ACTIONS[0]!, {
        aws: { endpoint: 'not a url' },
        dryRun: true,
        confirmed: false,
        now: NOW,
      }),
    ).rejects.toThrow(/^containment options: aws.endpoint/);
  });
});

describe('revoke-older-sessions instant', () => {
  it('refuses an instant more than a few minutes after now (it would deny new sessions too)', async () => {
    const action: ContainmentAction = {
      kind: 'revoke-older-sessions',
      principal: 'role',
      name: 'r',
      issuedBefore: '2024-08-01T14:06:00Z',
    };
    await expect(
      executeContainment(action, { aws, dryRun: true, confirmed: false, now: NOW }),
    ).rejects.toThrow(/issuedBefore: 2024-08-01T14:06:00Z is after now/);
    // Clock skew of a minute or two is fine.
    const skew = { ...action, issuedBefore: '2024-08-01T14:02:00Z' };
    await expect(
      executeContainment(skew, { aws, dryRun: true, confirmed: false, now: NOW }),
    ).resolves.toMatchObject({ status: 'dry-run' });
  });
});

describe('a confirmed run (the counter above does see clients)', () => {
  it('makes one client, and an unreachable endpoint ends as failed with the manual command', async () => {
    const saved = [process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY];
    process.env.AWS_ACCESS_KEY_ID = 'AKIACAIRNTEST0000001';
    process.env.AWS_SECRET_ACCESS_KEY = 'cairn-local-test-secret-not-a-real-key';
    try {
      const outcome = await executeContainment(ACTIONS[3]!, {
        aws,
        dryRun: false,
        confirmed: true,
        now: NOW,
      });
      expect(made).toEqual({ iam: 1, s3: 0 });
      expect(outcome.status).toBe('failed');
      expect(outcome.message).toMatch(
        /^IAM role incident-response \(inline policy CairnDenyAll\): PutRolePolicy: /,
      );
      expect(outcome.manualCommand).toBe(outcome.plan.manualCommand);
    } finally {
      const [id, secret] = saved;
      if (id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = id;
      if (secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = secret;
    }
  });
});
