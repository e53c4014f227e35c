// Reading an inline policy back: IAM answers URL-encoded and may rewrite the JSON, so the
// comparison is by meaning.
import { describe, expect, it } from 'vitest';
import {
  decodePolicyDocument,
  samePolicy,
  tokenIssueInstant,
} from '../../../../src/runbook/containment/policy-documents';

const DENY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: ['*'], Resource: ['*'] }],
};

describe('samePolicy', () => {
  it('a single statement or value means the same as a list of one', () => {
    expect(
      samePolicy(DENY, {
        Version: '2012-10-17',
        Statement: { Effect: 'Deny', Action: '*', Resource: '*' },
      }),
    ).toBe(true);
  });

  it('key order, list order and statement order carry no meaning', () => {
    const a = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Action: ['s3:GetObject', 'iam:*'], Resource: '*' },
        { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
      ],
    };
    const b = {
      Statement: [
        { Resource: '*', Action: 'sts:GetCallerIdentity', Effect: 'Allow' },
        { Effect: 'Deny', Resource: ['*'], Action: ['iam:*', 's3:GetObject'] },
      ],
      Version: '2012-10-17',
    };
    expect(samePolicy(a, b)).toBe(true);
  });

  it('a different effect, action, condition value or version is a different policy', () => {
    const withTime = (t: string) => ({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: ['*'],
          Resource: ['*'],
          Condition: { DateLessThan: { 'aws:TokenIssueTime': t } },
        },
      ],
    });
    expect(samePolicy(withTime('2024-08-01T14:00:00Z'), withTime('2024-08-01T14:00:01Z'))).toBe(
      false,
    );
    expect(samePolicy(DENY, { ...DENY, Version: '2008-10-17' })).toBe(false);
    expect(
      samePolicy(DENY, {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }],
      }),
    ).toBe(false);
    expect(
      samePolicy(DENY, {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: ['s3:*'], Resource: ['*'] }],
      }),
    ).toBe(false);
    expect(samePolicy(DENY, { Version: '2012-10-17', Statement: [] })).toBe(false);
  });
});

describe('decodePolicyDocument', () => {
  it('URL-decodes IAM’s answer, and reads an undecoded document as it is', () => {
    const text = JSON.stringify(DENY);
    expect(decodePolicyDocument(encodeURIComponent(text))).toEqual(DENY);
    expect(decodePolicyDocument(text)).toEqual(DENY);
    expect(decodePolicyDocument('{"Sid":"100%"}')).toEqual({ Sid: '100%' });
    expect(decodePolicyDocument('not json')).toBe('not json');
  });
});

describe('tokenIssueInstant', () => {
  it('UTC, whole seconds, fractions rounded up', () => {
    expect(tokenIssueInstant('2024-08-01T14:00:00Z')).toBe('2024-08-01T14:00:00Z');
    expect(tokenIssueInstant('2024-08-01T14:00:00.001Z')).toBe('2024-08-01T14:00:01Z');
    expect(tokenIssueInstant('2024-08-01T09:00:00-05:00')).toBe('2024-08-01T14:00:00Z');
  });
});
