// Migration 6 (compact events) on a case written the way Cairn wrote cases before it: real
// CloudTrail samples, events with every old column, postings as varint lists. After the upgrade
// every answer must be the one a fresh ingest of the same files gives, and the data-event
// classification must be the one the old columns gave.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../src/analysis/coverage';
import { hasDataEventReads } from '../../../src/analysis/bucket/queries';
import { storedEventId } from '../../../src/casefile/event-id';
import { OBJECT_OF_ROW, RANGE_OF_ROW } from '../../../src/casefile/event-layout';
import { MIGRATIONS } from '../../../src/casefile/migrations';
import { openCaseFile, type CaseFile } from '../../../src/casefile/open';
import { verifyCase } from '../../../src/casefile/verify';
import { encodeOffsets, FIELD } from '../../../src/casefile/postings';
import { eventWithRaw } from '../../../src/query/event-raw';
import { allEvents, runCaseQuery } from '../../../src/query/casefile';
import { candidates } from '../../../src/query/rows';
import { localFeed } from '../../../src/sources/feeds/local';
import { keepEvidenceFile, readEvidenceRaw } from '../../../src/sources/ingest/evidence';
import { parseFile } from '../../../src/sources/ingest/parse-file';
import { runIngest } from '../../../src/sources/ingest/runner';
import { lookupEvidence } from '../../../src/timeline/evidence';
import type { NormalizedEvent } from '../../../src/sources/cloudtrail/normalize';
import { newCase, testContext } from '../../helpers/case';
import { makeCaseAtVersion } from '../../helpers/old-case';
import { freshDir } from '../../helpers/tmp';

const DATA = join(import.meta.dirname, '../../fixtures/data');
// Array files with every category / managementEvent combination and duplicate eventIDs with
// different content (panther), NDJSON with data events that carry no category (OTRF), gzip.
const SAMPLES = [
  'panther-analysis/panther_cloudtrail_records.json',
  'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json',
  'openregister-sumologic-fixture/cloudtrail-logs-compressed.gz',
  'stratus-red-team/detonation-logs/aws.exfiltration.ec2-share-ebs-snapshot.json',
  'stratus-red-team/detonation-logs/aws.persistence.iam-create-admin-user.json',
];

/** The events table and postings as migrations 2–5 shaped them, field → column. */
const OLD_POSTINGS: [number, keyof NormalizedEvent][] = [
  [FIELD.eventName, 'eventName'],
  [FIELD.eventSource, 'eventSource'],
  [FIELD.awsRegion, 'awsRegion'],
  [FIELD.recipientAccount, 'recipientAccount'],
  [FIELD.principalArn, 'principalArn'],
  [FIELD.accessKeyId, 'accessKeyId'],
  [FIELD.sessionIssuerArn, 'sessionIssuerArn'],
  [FIELD.sourceIp, 'sourceIp'],
  [FIELD.userAgent, 'userAgent'],
  [FIELD.errorCode, 'errorCode'],
  [FIELD.bucket, 'bucket'],
];

/** Data events as analysis/coverage.ts counted them before migration 6, over the old columns. */
const OLD_DATA_EVENTS_SQL = `SELECT e.source_id, ac.value AS account, rg.value AS region,
  SUM(CASE WHEN (cat.value = 'Data' OR (cat.value IS NULL AND (e.management_event = 0 OR n.value IN
    ('GetObject','PutObject','DeleteObject','DeleteObjects','HeadObject','CopyObject','GetObjectAcl',
     'PutObjectAcl','GetObjectTagging','PutObjectTagging','GetObjectAttributes','RestoreObject',
     'SelectObjectContent','CreateMultipartUpload','UploadPart','UploadPartCopy',
     'CompleteMultipartUpload','AbortMultipartUpload','Invoke')))) THEN 1 ELSE 0 END) AS data
  FROM events e JOIN strings n ON n.id = e.event_name LEFT JOIN strings cat ON cat.id = e.event_category
  LEFT JOIN strings ac ON ac.id = e.recipient_account LEFT JOIN strings rg ON rg.id = e.aws_region
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

/** Every stored column of a format-8 events row, strings as text. */
const V8_ROWS_SQL = `SELECT e.id, e.event_id, e.time_ms, n.value AS name, src.value AS source,
    reg.value AS region, acct.value AS account, p.value AS principal, pt.value AS ptype,
    k.value AS akey, iss.value AS issuer, ip.value AS ip, ua.value AS ua, e.read_only, e.data_event,
    err.value AS error, b.value AS bucket, ok.value AS okey, e.source_id, e.file_id, e.record_index
  FROM events e JOIN strings n ON n.id = e.event_name
  LEFT JOIN strings src ON src.id = e.event_source LEFT JOIN strings reg ON reg.id = e.aws_region
  LEFT JOIN strings acct ON acct.id = e.recipient_account LEFT JOIN strings p ON p.id = e.principal_arn
  LEFT JOIN strings pt ON pt.id = e.principal_type LEFT JOIN strings k ON k.id = e.access_key_id
  LEFT JOIN strings iss ON iss.id = e.session_issuer_arn LEFT JOIN strings ip ON ip.id = e.source_ip
  LEFT JOIN strings ua ON ua.id = e.user_agent LEFT JOIN strings err ON err.id = e.error_code
  LEFT JOIN strings b ON b.id = e.bucket LEFT JOIN strings ok ON ok.id = e.object_key
  ORDER BY e.id`;

/** The same, from a format-9 row: its run, its flags and the principal type codes. */
const V9_ROWS_SQL = V8_ROWS_SQL.replace(
  'FROM events e',
  `FROM events e ${RANGE_OF_ROW} ${OBJECT_OF_ROW}`,
)
  .replace('b.id = e.bucket', 'b.id = o.bucket')
  .replace('ok.id = e.object_key', 'ok.id = o.object_key')
  .replace('reg.id = e.aws_region', 'reg.id = r.region')
  .replace('acct.id = e.recipient_account', 'acct.id = r.account')
  .replace(
    'LEFT JOIN strings pt ON pt.id = e.principal_type',
    'LEFT JOIN principal_types pt ON pt.code = e.principal_type_code',
  )
  .replace('pt.value AS ptype', 'pt.type AS ptype')
  .replace(
    'e.source_id, e.file_id, e.record_index',
    'r.source_id, r.file_id, r.first_index + e.id - r.first_row AS record_index',
  );

/** Row ids carrying one term, from the postings. */
function rowsWithTerm(db: CaseFile['db'], field: number, text: string): number[] {
  const c = candidates(db, [{ field, column: 'term', values: [text] }], {});
  return c.kind === 'rows' ? c.ids : [];
}

/**
 * Writes the same files into a v4 case the way the pre-6 ingest did: the sources, source_files
 * and kept evidence are copied from `fresh` (migration 6 does not touch them), the events,
 * blocks and postings are written from the parsed files with every old column.
 */
function writeOldCase(path: string, fresh: CaseFile): void {
  makeCaseAtVersion(path, 4, 'A case from before migration 6');
  const db = new Database(path);
  db.exec(`ATTACH '${fresh.path.replace(/'/g, "''")}' AS fresh`);
  const files = db
    .prepare(
      "SELECT location, file_id AS fileId FROM fresh.source_files WHERE status = 'done' ORDER BY id",
    )
    .all() as { location: string; fileId: number }[];
  db.transaction(() => {
    db.exec('INSERT INTO sources SELECT * FROM fresh.sources');
    // Kept files as a format-4 case keeps them: in chunks (packs came with migration 8).
    const kept = fresh.db
      .prepare('SELECT id, sha256, size, compression, added_at_ms FROM evidence_files ORDER BY id')
      .all() as {
      id: number;
      sha256: string;
      size: number;
      compression: string;
      added_at_ms: number;
    }[];
    for (const f of kept) {
      db.prepare(
        'INSERT INTO evidence_files (id, sha256, size, compression, chunks, added_at_ms) VALUES (?, ?, ?, ?, 1, ?)',
      ).run(f.id, f.sha256, f.size, f.compression, f.added_at_ms);
      db.prepare('INSERT INTO evidence_chunks (file_id, seq, data) VALUES (?, 0, ?)').run(
        f.id,
        readEvidenceRaw(fresh.db, f.id),
      );
    }
    db.exec('INSERT INTO source_files SELECT * FROM fresh.source_files');
    const putString = db.prepare('INSERT OR IGNORE INTO strings (value) VALUES (?)');
    const getString = db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
    const sid = (v: string | null): number | null => {
      if (v === null) return null;
      putString.run(v);
      return getString.get(v) as number;
    };
    const seen = db.prepare('SELECT id FROM events WHERE event_id = ?').pluck();
    const insert = db.prepare(`INSERT INTO events (event_id, time_ms, event_name, event_source,
      aws_region, event_type, event_category, recipient_account, principal_arn, principal_type,
      principal_account, user_name, access_key_id, session_issuer_arn, source_ip, user_agent,
      read_only, management_event, error_code, bucket, object_key, source_id, file_id, record_index)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const bool = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);
    for (const f of files) {
      const parsed = parseFile(f.location, readFileSync(f.location), 'auto');
      expect(keepEvidenceFile(db, parsed, 0)).toBe(f.fileId);
      let first = -1;
      let last = -1;
      const times: number[] = [];
      const postings = new Map<string, { offsets: number[]; min: number; max: number }>();
      for (const { event: e, locator } of parsed.events) {
        if (seen.get(storedEventId(e.eventId)) !== undefined) continue;
        const row = Number(
          insert.run(
            storedEventId(e.eventId),
            e.timeMs,
            sid(e.eventName),
            sid(e.eventSource),
            sid(e.awsRegion),
            sid(e.eventType),
            sid(e.eventCategory),
            sid(e.recipientAccount),
            sid(e.principalArn),
            sid(e.principalType),
            sid(e.principalAccount),
            sid(e.userName),
            sid(e.accessKeyId),
            sid(e.sessionIssuerArn),
            sid(e.sourceIp),
            sid(e.userAgent),
            bool(e.readOnly),
            bool(e.managementEvent),
            sid(e.errorCode),
            sid(e.bucket),
            sid(e.objectKey),
            1,
            f.fileId,
            locator,
          ).lastInsertRowid,
        );
        if (first < 0) first = row;
        last = row;
        times.push(e.timeMs);
        for (const [field, key] of OLD_POSTINGS) {
          const term = sid(e[key] as string | null);
          if (term === null) continue;
          const k = `${field}:${term}`;
          const p = postings.get(k) ?? { offsets: [], min: e.timeMs, max: e.timeMs };
          p.offsets.push(row - first);
          p.min = Math.min(p.min, e.timeMs);
          p.max = Math.max(p.max, e.timeMs);
          postings.set(k, p);
        }
      }
      if (first < 0) continue;
      db.prepare(
        `INSERT INTO evidence_blocks (file_id, table_name, first_row, row_count, min_time_ms, max_time_ms)
         VALUES (?, 'events', ?, ?, ?, ?)`,
      ).run(f.fileId, first, last - first + 1, Math.min(...times), Math.max(...times));
      for (const [k, p] of postings) {
        const [field, term] = k.split(':').map(Number);
        db.prepare(
          'INSERT INTO postings (field, term, file_id, n, min_time_ms, max_time_ms, rows) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(field, term, f.fileId, p.offsets.length, p.min, p.max, encodeOffsets(p.offsets));
      }
    }
  })();
  db.exec('DETACH fresh');
  db.close();
}

/** Every answer the engine gives about the case's events, in comparable form. */
function answers(file: CaseFile): Record<string, unknown> {
  const db = file.db;
  const events = allEvents(db, {});
  const value = db.prepare('SELECT value FROM strings WHERE id = ?').pluck();
  const terms = db
    .prepare('SELECT DISTINCT field, term FROM postings WHERE field < 100 ORDER BY field, term')
    .all() as { field: number; term: number }[];
  const byTerm = Object.fromEntries(
    terms.map((t) => [
      `${t.field}:${value.get(t.term) as string}`,
      rowsWithTerm(db, t.field, value.get(t.term) as string),
    ]),
  );
  const buckets = [...new Set(events.map((e) => e.bucket).filter((b) => b !== null))].sort();
  const group = (groupBy: Parameters<typeof runCaseQuery>[1]['groupBy']) =>
    runCaseQuery(db, { limit: 1000, ...(groupBy ? { groupBy } : {}) }).groups;
  return {
    events,
    byTerm,
    groups: [
      group(['eventSource']),
      group(['awsRegion', 'recipientAccountId']),
      group(['principalArn', 'accessKeyId', 'sourceIp']),
      group(['userAgent', 'errorCode', 'day']),
    ],
    filtered: runCaseQuery(db, {
      limit: 1000,
      eventNames: ['GetObject', 'ListBuckets', 'CreateUser'],
      errorCodes: 'none',
    }).rows,
    readOnly: runCaseQuery(db, { limit: 1000, readOnly: false }).rows.map((e) => e.rowId),
    coverage: computeCoverage(db),
    raw: events.map((e) => eventWithRaw(db, e.rowId)),
    evidence: events.map((e) => lookupEvidence(db, { type: 'event', id: e.eventId })),
    dataReads: buckets.map((b) => [b, hasDataEventReads(db, b)]),
  };
}

describe('migrations 6 and 9: compact events', () => {
  it('upgrade a v4 case, and the v8 case it becomes, to the answers a fresh ingest gives', async () => {
    const dir = freshDir();
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    SAMPLES.forEach((s, i) => copyFileSync(join(DATA, s), join(logs, `${i}-${basename(s)}`)));
    const ctx = testContext();
    const fresh = ctx.cases.forWrite((await newCase(ctx, { dir })).path);
    const report = await runIngest(fresh, [await localFeed(logs, {})], {
      actor: 't',
      kind: 'auto',
      parserThreads: 0,
    });
    const s = report.sources[0]!;
    expect(s.files).toBe(SAMPLES.length);
    expect(s.duplicates).toBeGreaterThan(0);
    expect(s.notes.join('\n')).toContain('already in the case with different content');

    const oldPath = join(dir, 'old.cairn');
    writeOldCase(oldPath, fresh);
    const old = new Database(oldPath, { readonly: true });
    const oldData = old.prepare(OLD_DATA_EVENTS_SQL).all();
    const oldRows = old
      .prepare(
        `SELECT e.id, e.event_id, e.time_ms, e.record_index, e.file_id, n.value AS name
         FROM events e JOIN strings n ON n.id = e.event_name ORDER BY e.id`,
      )
      .all();
    old.close();
    expect(oldRows).toHaveLength(s.inserted);
    // The samples hold data events both with eventCategory Data and without any category.
    expect(oldData.some((r) => (r as { data: number }).data > 0)).toBe(true);

    // Read-only, a format-4 case's kept files are read from their chunks (no pack columns).
    const readOnly = openCaseFile(oldPath, { readonly: true });
    expect(readOnly.schemaVersion).toBe(4);
    for (const id of fresh.db.prepare('SELECT id FROM evidence_files').pluck().all() as number[])
      expect(readEvidenceRaw(readOnly.db, id).equals(readEvidenceRaw(fresh.db, id))).toBe(true);
    // Its events, postings and data-event classification read through views in today's layout.
    expect(answers(readOnly)).toEqual(answers(fresh));
    readOnly.close();

    // Through format 8 first, the shape of every case written before migration 9.
    const at8 = join(dir, 'format-8.cairn');
    copyFileSync(oldPath, at8);
    const v8 = openCaseFile(at8, { migrations: MIGRATIONS.slice(0, 8) });
    expect(v8.schemaVersion).toBe(8);
    const rows8 = v8.db.prepare(V8_ROWS_SQL).all();
    expect(rows8.map((r) => (r as { id: number }).id)).toEqual(
      oldRows.map((r) => (r as { id: number }).id),
    );
    v8.close();
    // Read-only (no upgrade), a format-8 case answers through views in today's layout.
    const readOnly8 = openCaseFile(at8, { readonly: true });
    expect(readOnly8.schemaVersion).toBe(8);
    expect(answers(readOnly8)).toEqual(answers(fresh));
    readOnly8.close();
    const from8 = openCaseFile(at8);
    expect(from8.schemaVersion).toBe(9);
    // Every column of every row is what format 8 held, read through the runs and the flags.
    expect(from8.db.prepare(V9_ROWS_SQL).all()).toEqual(rows8);
    // One run per stretch of rows with the same file, account and Region and consecutive ids and
    // record indexes, counted here from the format-8 rows.
    type Row8 = Record<'id' | 'file_id' | 'source_id' | 'record_index', number> &
      Record<'account' | 'region', string | null>;
    const starts = (rows8 as Row8[]).filter((r, i, all) => {
      const p = all[i - 1];
      return !(
        p &&
        p.id === r.id - 1 &&
        p.file_id === r.file_id &&
        p.source_id === r.source_id &&
        p.record_index === r.record_index - 1 &&
        p.account === r.account &&
        p.region === r.region
      );
    }).length;
    expect(from8.db.prepare('SELECT COUNT(*) FROM event_ranges').pluck().get()).toBe(starts);
    expect(starts).toBeLessThan(rows8.length / 2);
    expect(answers(from8)).toEqual(answers(fresh));
    expect(verifyCase(from8.db, at8).ok).toBe(true);
    from8.close();

    const migrated = openCaseFile(oldPath);
    // Migrations 6 to 9 (9 fills the activity summary and key roll-ups from the migrated events).
    expect(migrated.schemaVersion).toBe(9);
    const db = migrated.db;
    // The old events table's pages were given back: no free pages left behind in the file.
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    // Same rows, same ids.
    expect(
      db
        .prepare(
          `SELECT e.id, e.event_id, e.time_ms, r.first_index + e.id - r.first_row AS record_index,
             r.file_id, n.value AS name
           FROM events e ${RANGE_OF_ROW} JOIN strings n ON n.id = e.event_name ORDER BY e.id`,
        )
        .all(),
    ).toEqual(oldRows);
    // The data-event counts coverage reports now are those the old columns gave.
    const cov = computeCoverage(db);
    const dataNow = cov.cloudtrail
      .map((g) => ({ account: g.account, region: g.region, data: g.dataEvents }))
      .sort((a, b) => `${a.account}|${a.region}`.localeCompare(`${b.account}|${b.region}`, 'en'));
    const dataBefore = (
      oldData as { account: string | null; region: string | null; data: number }[]
    )
      .map((r) => ({ account: r.account, region: r.region, data: r.data }))
      .sort((a, b) => `${a.account}|${a.region}`.localeCompare(`${b.account}|${b.region}`, 'en'));
    expect(dataNow).toEqual(dataBefore);

    expect(answers(migrated)).toEqual(answers(fresh));
    migrated.close();
    ctx.cases.closeAll();
  });
});
