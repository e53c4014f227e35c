// Redaction rules on real CloudTrail records and on text people write.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedactor, noRedaction } from '../../../src/export/redact';

const DATA = join(import.meta.dirname, '../../fixtures/data');
const federation = JSON.parse(
  readFileSync(
    join(DATA, 'stratus-red-team/detonation-logs/aws.persistence.sts-federation-token.json'),
    'utf8',
  ),
) as { responseElements: { credentials: { sessionToken: string; accessKeyId: string } } }[];
const token = federation[0]!.responseElements.credentials.sessionToken;

describe('the redactor', () => {
  it('removes the session token of a GetFederationToken response and every other copy of it', () => {
    const r = createRedactor([]);
    r.learn(federation[0]);
    const out = r.deep({ record: federation[0], note: `pasted: ${token}` });
    const text = JSON.stringify(out);
    expect(token.length).toBeGreaterThan(100);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(20, 60));
    expect(out.record!.responseElements.credentials).toMatchObject({
      sessionToken: '[REDACTED:sessionToken]',
      accessKeyId: federation[0]!.responseElements.credentials.accessKeyId,
    });
    expect(out.note).toBe('pasted: [REDACTED:secret]');
  });

  it('finds a record carried as a JSON string (LookupEvents) and tokens by their shape', () => {
    const r = createRedactor([]);
    const wrapped = { CloudTrailEvent: JSON.stringify(federation[0]) };
    r.learn(wrapped);
    expect(JSON.stringify(r.deep(wrapped))).not.toContain(token);
    const fresh = createRedactor([]);
    expect(fresh.text(`token ${token} end`)).toBe('token [REDACTED:sessionToken] end');
  });

  it('removes key=value secrets, presigned-URL tokens and marked strings, and keeps hashes', () => {
    const r = createRedactor(['Jane Doe']);
    expect(r.text('aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY done')).toBe(
      'aws_secret_access_key=[REDACTED:aws_secret_access_key] done',
    );
    expect(r.text('GET /x?X-Amz-Security-Token=abc%2Fdef&X-Amz-Date=1 HTTP/1.1')).toBe(
      'GET /x?X-Amz-Security-Token=[REDACTED:token]&X-Amz-Date=1 HTTP/1.1',
    );
    expect(r.text('Called Jane Doe at 10:00')).toBe('Called [REDACTED:marked] at 10:00');
    const hash = 'a'.repeat(64);
    expect(createRedactor(['aaaa']).deep({ recordSha256: hash, text: 'aaaa' })).toEqual({
      recordSha256: hash,
      text: '[REDACTED:marked]',
    });
    expect(r.deep({ password: { nested: 1 }, Password: 'hunter22' })).toEqual({
      password: '[REDACTED:password]',
      Password: '[REDACTED:Password]',
    });
  });

  it('changes nothing when redaction is explicitly off', () => {
    const r = noRedaction();
    r.learn(federation[0]);
    expect(r.deep(federation[0])).toEqual(federation[0]);
  });
});
