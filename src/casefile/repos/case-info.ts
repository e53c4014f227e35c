// The case_info row: what the case is, its zone, and when the organisation became aware.
import type { Db } from '../sqlite';
import { CairnError } from '../../shared/errors';

export interface CaseInfoRow {
  caseId: string;
  title: string;
  severity: string | null;
  status: string;
  timezone: string;
  runbook: string | null;
  awareAtMs: number | null;
  awareSetBy: string | null;
  awareReason: string | null;
  facts: Record<string, unknown>;
  settings: Record<string, unknown>;
  createdAtMs: number;
  createdBy: string;
  createdWith: string;
}

interface Row {
  case_id: string;
  title: string;
  severity: string | null;
  status: string;
  timezone: string;
  runbook: string | null;
  aware_at_ms: number | null;
  aware_set_by: string | null;
  aware_reason: string | null;
  facts: string;
  settings: string;
  created_at_ms: number;
  created_by: string;
  created_with: string;
}

export function readCaseInfo(db: Db, path: string): CaseInfoRow {
  const r = db.prepare('SELECT * FROM case_info WHERE id = 1').get() as Row | undefined;
  if (!r) throw new CairnError('INTEGRITY', `${path} has no case record (case_info is empty)`);
  return {
    caseId: r.case_id,
    title: r.title,
    severity: r.severity,
    status: r.status,
    timezone: r.timezone,
    runbook: r.runbook,
    awareAtMs: r.aware_at_ms,
    awareSetBy: r.aware_set_by,
    awareReason: r.aware_reason,
    facts: JSON.parse(r.facts) as Record<string, unknown>,
    settings: JSON.parse(r.settings) as Record<string, unknown>,
    createdAtMs: r.created_at_ms,
    createdBy: r.created_by,
    createdWith: r.created_with,
  };
}

export function insertCaseInfo(db: Db, info: CaseInfoRow): void {
  db.prepare(
    `INSERT INTO case_info (id, case_id, title, severity, status, timezone, runbook, aware_at_ms,
       aware_set_by, aware_reason, facts, settings, created_at_ms, created_by, created_with)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    info.caseId,
    info.title,
    info.severity,
    info.status,
    info.timezone,
    info.runbook,
    info.awareAtMs,
    info.awareSetBy,
    info.awareReason,
    JSON.stringify(info.facts),
    JSON.stringify(info.settings),
    info.createdAtMs,
    info.createdBy,
    info.createdWith,
  );
}
