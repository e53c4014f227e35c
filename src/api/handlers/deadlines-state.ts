// Reads a case's deadline state (facts, awareness, anchors, notices, decisions, settings) for the
// pure tracker, and the checks and wording the deadline handlers share.
import { readSettings } from '../../analysis/context';
import { readCaseInfo } from '../../casefile/repos/case-info';
import {
  readAnchors,
  readObligationRecords,
  type ObligationSnapshot,
} from '../../casefile/repos/deadlines';
import type { Db } from '../../casefile/sqlite';
import type { CaseSummaryState } from '../../deadlines/case-summary';
import { parseCaseFacts, type CaseFacts } from '../../deadlines/facts';
import { JURISDICTION_ZONES } from '../../deadlines/jurisdictions';
import { findRule } from '../../deadlines/rules';
import { effectiveSettings } from '../../deadlines/tracking';
import type { Obligation } from '../../shared/deadlines';
import { CairnError } from '../../shared/errors';
import { formatInZone, parseInstant, toIso } from '../../shared/time';

/** Instants "in the future" by more than this are refused (clock skew between machines). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function loadDeadlineState(db: Db, path: string, nowMs: number): CaseSummaryState {
  const info = readCaseInfo(db, path);
  let facts: CaseFacts;
  try {
    facts = parseCaseFacts(info.facts);
  } catch (err) {
    throw new CairnError(
      'INTEGRITY',
      `${path}: the stored case facts are not valid (${(err as Error).message})`,
    );
  }
  const { notices, decisions } = readObligationRecords(db);
  return {
    facts,
    caseZone: info.timezone,
    settings: effectiveSettings(readSettings(db).deadlines),
    awarenessMs: info.awareAtMs,
    awareness:
      info.awareAtMs === null
        ? null
        : {
            atMs: info.awareAtMs,
            setBy: info.awareSetBy ?? 'unknown',
            reason: info.awareReason,
          },
    recorded: readAnchors(db),
    notices,
    decisions,
    nowMs,
  };
}

/** Parses a past instant; `field` names it in the error. */
export function pastInstant(text: string, field: string, nowMs: number): number {
  const ms = parseInstant(text, field);
  if (ms > nowMs + FUTURE_TOLERANCE_MS) {
    throw new CairnError(
      'INVALID_INPUT',
      `${field}: ${toIso(ms)} is in the future (now is ${toIso(nowMs)}); record it once it has happened`,
    );
  }
  return ms;
}

/** "2026-03-27T23:30:00.000Z (2026-03-28 00:30:00 +01:00 Europe/Berlin)". */
export function instantWords(ms: number, zone: string): string {
  return zone === 'UTC' ? toIso(ms) : `${toIso(ms)} (${formatInZone(ms, zone)} ${zone})`;
}

const NESTED_FACTS = new Set(['affectedByJurisdiction', 'flags', 'ruleAnswers']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Merges a patch into the facts: top-level keys replace, the three maps merge per key, and null
 * removes a fact. The result is validated by the engine's CaseFactsSchema and a few checks that
 * stop a typo from silently deciding a rule (an unknown rule id or US/Canadian region code).
 */
export function mergeFacts(current: CaseFacts, patch: Record<string, unknown>): CaseFacts {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete next[key];
    } else if (NESTED_FACTS.has(key) && isRecord(value)) {
      const inner: Record<string, unknown> = isRecord(next[key]) ? { ...next[key] } : {};
      for (const [k, v] of Object.entries(value)) {
        if (v === null) delete inner[k];
        else inner[k] = v;
      }
      next[key] = inner;
    } else {
      next[key] = value;
    }
  }
  const facts = parseCaseFacts(next);
  for (const id of Object.keys(facts.ruleAnswers ?? {})) {
    if (!findRule(id)) {
      throw new CairnError(
        'INVALID_INPUT',
        `facts.ruleAnswers.${id}: no deadline rule has this id`,
      );
    }
  }
  for (const code of Object.keys(facts.affectedByJurisdiction ?? {})) {
    const known = code in JURISDICTION_ZONES;
    if (!/^[A-Z]{2}(-[A-Z0-9]{1,8})?$/.test(code) || (/^(US|CA)-/.test(code) && !known)) {
      throw new CairnError(
        'INVALID_INPUT',
        `facts.affectedByJurisdiction.${code}: not a jurisdiction code Cairn knows`,
        'use codes like US-TX, US-CA, CA, CA-QC, UK, JP (a US state is US- and its two letters)',
      );
    }
  }
  return facts;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    let text: string;
    if (typeof value === 'boolean') text = value ? 'yes' : 'no';
    else if (Array.isArray(value)) text = value.map(String).join(', ');
    else if (typeof value === 'string' || typeof value === 'number') text = String(value);
    else text = JSON.stringify(value);
    out.set(prefix, text);
  }
}

/** "riskOfHarm: likely → unlikely; flags.ransomPaid: yes" (first 12 changes). */
export function describeFactChanges(before: CaseFacts, after: CaseFacts): string[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(before, '', a);
  flatten(after, '', b);
  const changes: string[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const was = a.get(key);
    const now = b.get(key);
    if (was === now) continue;
    if (was === undefined) changes.push(`${key}: ${now}`);
    else if (now === undefined) changes.push(`${key}: removed (was ${was})`);
    else changes.push(`${key}: ${was} → ${now}`);
  }
  return changes;
}

export function snapshotOf(o: Obligation): ObligationSnapshot {
  return {
    applicability: o.applicability,
    reason: o.notApplicableReason,
    clockStartMs: o.clock?.start?.ms ?? null,
    clockBasis: o.clock?.basis ?? null,
    dueMs: o.clock?.due?.ms ?? null,
    status: o.status,
  };
}
