// Actions arrive from the API: everything is validated, and the error names the field.
import { describe, expect, it } from 'vitest';
import {
  actionFromStep,
  parseContainmentAction,
  planContainment,
} from '../../../../src/runbook/containment';
import { CairnError } from '../../../../src/shared/errors';

function errorOf(raw: unknown): CairnError {
  try {
    parseContainmentAction(raw);
  } catch (err) {
    if (err instanceof CairnError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('containment action validation', () => {
  it('refuses a temporary ASIA… key, pointing at revoke-older-sessions', () => {
    const err = errorOf({ kind: 'deactivate-access-key', accessKeyId: 'ASIAXAFZN8JEPF6L682H' });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/^containment action: accessKeyId: is a temporary/);
    expect(err.message).toContain('revoke-older-sessions');
  });

  it('names the field that is wrong', () => {
    expect(errorOf({ kind: 'deactivate-access-key' }).message).toMatch(/accessKeyId/);
    expect(errorOf({ kind: 'block-public-access', bucket: 'a b' }).message).toMatch(
      /bucket: must be an S3 bucket name/,
    );
    expect(
      errorOf({ kind: 'block-public-access', bucket: 'ok-bucket', accountId: '1234' }).message,
    ).toMatch(/accountId: must be a 12-digit/);
    expect(errorOf({ kind: 'deny-all', principal: 'group', name: 'x' }).message).toMatch(
      /principal/,
    );
    expect(errorOf({ kind: 'deny-all', principal: 'user', name: 'bad name' }).message).toMatch(
      /name: must be an IAM name/,
    );
    expect(
      errorOf({
        kind: 'revoke-older-sessions',
        principal: 'user',
        name: 'x',
        issuedBefore: 'yesterday',
      }).message,
    ).toMatch(/issuedBefore/);
    expect(errorOf({ kind: 'delete-everything' }).message).toMatch(/^containment action: kind/);
  });

  it('refuses fields it does not know (a typo must not be silently dropped)', () => {
    expect(
      errorOf({ kind: 'deactivate-access-key', accessKeyId: 'AKIAXAFZN8JEPF6L682H', user: 'bob' })
        .message,
    ).toMatch(/Unrecognized key/);
  });

  it('planContainment validates too', () => {
    expect(() => planContainment({ kind: 'deny-all', principal: 'user', name: '' })).toThrow(
      CairnError,
    );
  });
});

describe('actionFromStep (runbook step params to an action)', () => {
  it('reads a step param `kind` as the principal type and an instant in UTC ms', () => {
    expect(
      actionFromStep('revoke-older-sessions', {
        kind: 'user',
        name: 'christophe',
        issuedBefore: Date.parse('2024-08-01T14:00:00Z'),
      }),
    ).toEqual({
      kind: 'revoke-older-sessions',
      principal: 'user',
      name: 'christophe',
      issuedBefore: '2024-08-01T14:00:00.000Z',
    });
  });

  it('leaves out facts that are not known (null)', () => {
    expect(
      actionFromStep('deactivate-access-key', {
        accessKeyId: 'AKIAXAFZN8JEPF6L682H',
        userName: null,
      }),
    ).toEqual({ kind: 'deactivate-access-key', accessKeyId: 'AKIAXAFZN8JEPF6L682H' });
  });

  it('validates what it builds', () => {
    expect(() => actionFromStep('deny-all', { kind: 'user' })).toThrow(/name/);
  });
});
