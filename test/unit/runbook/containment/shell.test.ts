// Shell quoting is checked against a real shell: bash must hand each quoted word back unchanged.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../../../src/runbook/containment';

/** What `bash` receives as separate arguments for the given command-line text. */
function wordsFromBash(line: string): string[] {
  const result = spawnSync('bash', ['-c', `for w in ${line}; do printf '%s\\0' "$w"; done`], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.split('\0').slice(0, -1);
}

const ODD = [
  "it's",
  'two words',
  '$(touch /tmp/cairn-should-not-exist)',
  '`id`',
  'a"b',
  '*',
  'semi;colon',
  'new\nline',
  "''",
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"]}]}',
  'back\\slash',
  '!bang',
  '~tilde',
];

describe('shellQuote', () => {
  it('leaves words the shell does not treat specially as they are', () => {
    for (const word of [
      'AKIAXAFZN8JEPF6L682H',
      'svc+deploy@corp.example',
      'a=b,c=d',
      'x/y:z-1.2',
    ]) {
      expect(shellQuote(word)).toBe(word);
    }
  });

  it('single-quotes anything else, closing and escaping embedded quotes', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('two words')).toBe(`'two words'`);
    expect(shellQuote('')).toBe(`''`);
  });

  it('bash gets every odd value back byte for byte, with no expansion', () => {
    expect(wordsFromBash(ODD.map(shellQuote).join(' '))).toEqual(ODD);
  });
});
