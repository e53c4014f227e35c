// The real sample logs under test/fixtures/data must stay byte-for-byte what was published:
// every file listed in MANIFEST.json is present with its sha256, and nothing else was added.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const DATA = join(import.meta.dirname, '../fixtures/data');
const manifest = JSON.parse(readFileSync(join(DATA, 'MANIFEST.json'), 'utf8')) as {
  path: string;
  sha256: string;
  license: string;
}[];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [relative(DATA, join(dir, e.name))],
  );
}

describe('sample data copy', () => {
  it.each(manifest.map((m) => [m.path, m.sha256, m.license] as const))(
    '%s is unchanged (%s, %s)',
    (path, sha) => {
      expect(
        createHash('sha256')
          .update(readFileSync(join(DATA, path)))
          .digest('hex'),
      ).toBe(sha);
    },
  );

  it('holds only the listed files plus the notes about them', () => {
    const listed = new Set(manifest.map((m) => m.path));
    expect(
      files(DATA)
        .filter((f) => !listed.has(f))
        .sort(),
    ).toEqual(['MANIFEST.json', 'README.md', 'SOURCES.md']);
  });
});
