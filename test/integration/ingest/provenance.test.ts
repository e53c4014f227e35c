// Every stored row points back to its raw record: the exact bytes, recoverable from the kept file,
// for arrays, NDJSON lines, lookup-events pages and S3 access-log lines alike. Bulk and row-by-row
// ingests of the same files produce the same rows and postings.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { RANGE_OF_ROW } from '../../../src/casefile/event-layout';
import { localFeed } from '../../../src/sources/feeds/local';
import { readEvidenceRaw } from '../../../src/sources/ingest/evidence';
import { runIngest } from '../../../src/sources/ingest/runner';
import { rawRecord } from '../../../src/sources/raw-record';
import { newCase, testContext } from '../../helpers/case';
import { freshDir } from '../../helpers/tmp';
import { DATA } from './oracle';

describe('provenance of stored rows', () => {
  it('recovers each record byte-exact from the kept file', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const file = ctx.cases.forWrite(c.path);
    const sources = [
      join(DATA, 'stratus-red-team/detonation-logs/aws.persistence.sts-federation-token.json'),
      join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json'),
      join(DATA, 'plaso/test_data__jsonl__aws_cloudtrail.jsonl'),
      join(DATA, 'openregister-sumologic-fixture/cloudtrail-logs-compressed.gz'),
      join(DATA, 's3-access/awsdocs_LogFormat_examples.log'),
    ];
    await runIngest(file, await Promise.all(sources.map((s) => localFeed(s, {}))), {
      actor: 't',
      kind: 'auto',
      parserThreads: 0,
    });

    // Stratus: a JSON array; the element's bytes parse to the published record.
    const published = JSON.parse(readFileSync(sources[0]!, 'utf8')) as { eventID: string }[];
    const events = (await callOp('events.list', { path: c.path, limit: 1000 }, ctx)).events;
    for (const [i, rec] of published.entries()) {
      const row = events.find((e) => e.eventId === rec.eventID)!;
      expect(row.provenance.recordIndex).toBe(i);
      expect(
        JSON.parse(
          rawRecord(file.db, row.provenance.fileId, row.provenance.recordIndex).toString('utf8'),
        ),
      ).toEqual(rec);
    }
    // OTRF NDJSON: the locator is the line number and the bytes are the line.
    const otrfLines = readFileSync(sources[1]!, 'utf8').split('\n');
    const otrfRow = events.find((e) => e.eventName === 'GetObject')!;
    expect(
      rawRecord(file.db, otrfRow.provenance.fileId, otrfRow.provenance.recordIndex).toString(
        'utf8',
      ),
    ).toBe(otrfLines[otrfRow.provenance.recordIndex - 1]);
    // S3 access log: the exact line.
    const lines = readFileSync(sources[4]!, 'utf8').split('\n');
    const s3 = (await callOp('s3access.list', { path: c.path, limit: 100 }, ctx)).lines;
    for (const l of s3)
      expect(
        rawRecord(file.db, l.provenance.fileId, l.provenance.recordIndex).toString('utf8'),
      ).toBe(lines[l.provenance.recordIndex - 1]);
  });

  it('gives the same rows and postings whether indexes are built per row or once at the end', async () => {
    const dir = freshDir();
    for (const f of [
      'aws.persistence.iam-create-admin-user.json',
      'aws.credential-access.ec2-steal-instance-credentials.json',
      'aws.discovery.ec2-download-user-data.json',
    ]) {
      writeFileSync(join(dir, f), readFileSync(join(DATA, 'stratus-red-team/detonation-logs', f)));
    }
    writeFileSync(
      join(dir, 'dup.json'),
      readFileSync(
        join(DATA, 'stratus-red-team/detonation-logs/aws.persistence.iam-create-admin-user.json'),
        'utf8',
      ).replace(/^\[/, '[ '),
    );
    const snapshot = async (bulk: 'always' | 'never'): Promise<unknown> => {
      const ctx = testContext();
      const c = await newCase(ctx);
      const f = ctx.cases.forWrite(c.path);
      const r = await runIngest(f, [await localFeed(dir, {})], {
        actor: 't',
        kind: 'auto',
        bulk,
        parserThreads: 0,
      });
      const rows = f.db
        .prepare(
          `SELECT e.event_id, e.time_ms, e.event_name, e.principal_arn, e.access_key_id, e.source_ip,
             r.file_id, r.first_index + e.id - r.first_row FROM events e ${RANGE_OF_ROW} ORDER BY e.id`,
        )
        .raw()
        .all();
      const postings = f.db
        .prepare(
          'SELECT field, term, file_id, n, hex(rows) FROM postings ORDER BY field, term, file_id',
        )
        .raw()
        .all();
      const indexes = f.db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name",
        )
        .pluck()
        .all();
      const runs = f.db.prepare('SELECT * FROM event_ranges ORDER BY first_row').raw().all();
      return {
        runs,
        report: r.sources[0]!.inserted,
        duplicates: r.sources[0]!.duplicates,
        rows,
        postings,
        indexes,
      };
    };
    const [bulk, perRow] = [await snapshot('always'), await snapshot('never')];
    expect(bulk).toEqual(perRow);
    expect((bulk as { duplicates: number }).duplicates).toBe(3);
  });

  it('keeps a folder of small delivered files in packs, each byte-exact and verifiable', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const file = ctx.cases.forWrite(c.path);
    const dir = join(DATA, 'stratus-red-team/detonation-logs');
    await runIngest(file, [await localFeed(dir, {})], { actor: 't', kind: 'auto' });
    const kept = file.db
      .prepare(
        `SELECT sf.location, ef.id, ef.sha256, ef.pack_id FROM source_files sf
         JOIN evidence_files ef ON ef.id = sf.file_id ORDER BY sf.id`,
      )
      .all() as { location: string; id: number; sha256: string; pack_id: number | null }[];
    expect(kept).toHaveLength(35);
    // Every capture is a few KB: all packed, in fewer packs than files, none in chunks.
    expect(kept.every((k) => k.pack_id !== null)).toBe(true);
    expect(new Set(kept.map((k) => k.pack_id)).size).toBeLessThan(35);
    expect(file.db.prepare('SELECT COUNT(*) FROM evidence_chunks').pluck().get()).toBe(0);
    for (const k of kept) {
      const disk = readFileSync(k.location);
      expect(readEvidenceRaw(file.db, k.id).equals(disk), k.location).toBe(true);
      expect(createHash('sha256').update(disk).digest('hex')).toBe(k.sha256);
    }
    const report = await callOp('case.verify', { path: c.path }, ctx);
    expect(report.evidenceFiles).toEqual({ checked: 35, failed: 0 });
    // A second ingest of the same folder keeps nothing twice.
    await runIngest(file, [await localFeed(dir, {})], { actor: 't', kind: 'auto' });
    expect(file.db.prepare('SELECT COUNT(*) FROM evidence_files').pluck().get()).toBe(35);
  });
});
