import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { caseClassifier } from '../../../src/analysis/context';
import { recordFinding } from '../../../src/casefile/repos/findings';
import { newCase, testContext } from '../../helpers/case';
import { cli } from '../../helpers/cli';
import { freshDir } from '../../helpers/tmp';

describe('case settings', () => {
  it('sets internal ranges and a threat list, audited, and the classifier follows them', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await callOp(
      'case.settings',
      {
        path: c.path,
        internalCidrs: ['10.0.0.0/8'],
        addThreatList: { name: 'intel', text: '# feed\n203.0.113.7\nnot-an-ip\n' },
      },
      ctx,
    );
    expect(r.internalCidrs).toEqual(['10.0.0.0/8']);
    expect(r.threatLists).toEqual([
      { name: 'intel', entries: 1, badLines: [expect.stringMatching(/^line 3: /) as unknown] },
    ]);
    const file = ctx.cases.forRead(c.path);
    expect(caseClassifier(file.db).classify('10.1.2.3').class).toBe('internal');
    expect(caseClassifier(file.db).classify('203.0.113.7').class).toBe('threat');
    expect((await callOp('case.info', { path: c.path }, ctx)).counts.audit).toBe(2);
  });

  it('refuses a bad range, naming it, and changes nothing', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await cli(['case', 'settings', c.path, '--internal-cidr', '10.0.0.1/8']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('entry 1 "10.0.0.1/8": host bits set (network is 10.0.0.0/8)');
    expect((await callOp('case.settings', { path: c.path }, ctx)).internalCidrs).toEqual([]);
  });

  it('takes a newer ip-ranges.json and refuses one of the wrong shape', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const good = join(freshDir(), 'ip-ranges.json');
    writeFileSync(
      good,
      JSON.stringify({
        syncToken: '1',
        createDate: '2026-11-01-00-00-00',
        prefixes: [
          {
            ip_prefix: '198.51.100.0/24',
            region: 'us-east-1',
            service: 'EC2',
            network_border_group: 'us-east-1',
          },
        ],
        ipv6_prefixes: [],
      }),
    );
    const r = await callOp('case.settings', { path: c.path, awsIpRangesFile: good }, ctx);
    expect(r.awsIpRanges.createDate).toBe('2026-11-01-00-00-00');
    expect(caseClassifier(ctx.cases.forRead(c.path).db).classify('198.51.100.9').class).toBe('aws');
    const bad = join(freshDir(), 'bad.json');
    writeFileSync(bad, JSON.stringify({ prefixes: 'nope' }));
    await expect(
      callOp('case.settings', { path: c.path, awsIpRangesFile: bad }, ctx),
    ).rejects.toThrow(/bad\.json/);
  });
});

describe('findings in the audit chain', () => {
  it('verify names a finding changed behind Cairn’s back', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const file = ctx.cases.forWrite(c.path);
    file.writer.write('analysis.test', 'tester', (w) => {
      const { finding, audit } = recordFinding(w, {
        kind: 'test',
        subject: 's',
        title: 't',
        params: { a: 1 },
        engine: 'casefile',
        query: 'SELECT 1',
        result: { windows: [] },
      });
      return { audit: { finding: audit }, value: finding };
    });
    expect((await callOp('case.verify', { path: c.path }, ctx)).ok).toBe(true);
    ctx.cases.closeAll();
    const db = new Database(c.path);
    db.exec('DROP TRIGGER findings_no_update');
    db.prepare(`UPDATE findings SET result = '{"windows":[]} ' WHERE id = 1`).run();
    db.close();
    const r = await callOp('case.verify', { path: c.path }, ctx);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ kind: 'finding', ref: 'finding#1' });
  });
});
