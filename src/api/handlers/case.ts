// Case operations: create, describe, verify.
import { randomUUID } from 'node:crypto';
import { auditHead } from '../../casefile/audit';
import { createCaseFile, type CaseFile } from '../../casefile/open';
import { insertCaseInfo, readCaseInfo, type CaseInfoRow } from '../../casefile/repos/case-info';
import { appendTimeline, timelineAuditRecord } from '../../casefile/repos/timeline';
import { verifyCase } from '../../casefile/verify';
import type { CaseSummary } from '../../shared/domain';
import { CairnError } from '../../shared/errors';
import { isValidTimeZone, parseInstant, toIso } from '../../shared/time';
import { CAIRN_VERSION } from '../../version';
import { rememberCase } from './app';
import type { Handlers } from './types';

export function summarize(file: CaseFile): CaseSummary {
  const info = readCaseInfo(file.db, file.path);
  return {
    path: file.path,
    caseId: info.caseId,
    title: info.title,
    severity: info.severity as CaseSummary['severity'],
    status: info.status as CaseSummary['status'],
    timezone: info.timezone,
    awareness:
      info.awareAtMs === null
        ? null
        : {
            at: toIso(info.awareAtMs),
            setBy: info.awareSetBy ?? 'unknown',
            reason: info.awareReason,
          },
    createdAt: toIso(info.createdAtMs),
    createdBy: info.createdBy,
    createdWith: info.createdWith,
    schemaVersion: file.schemaVersion,
  };
}

function count(file: CaseFile, table: string): number {
  return (file.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export const caseHandlers: Pick<
  Handlers,
  'case.create' | 'case.open' | 'case.info' | 'case.verify'
> = {
  'case.create': (input, ctx) => {
    if (!isValidTimeZone(input.timezone)) {
      throw new CairnError(
        'INVALID_INPUT',
        `timezone: "${input.timezone}" is not an IANA time zone`,
        'use a name like UTC, Europe/Berlin or America/New_York',
      );
    }
    const awareAtMs = input.awareAt === undefined ? null : parseInstant(input.awareAt, 'awareAt');
    const file = createCaseFile(
      input.path,
      (staging) => {
        staging.writer.write('case.create', ctx.actor, (w) => {
          const info: CaseInfoRow = {
            caseId: randomUUID(),
            title: input.title,
            severity: input.severity ?? null,
            status: 'open',
            timezone: input.timezone,
            runbook: null,
            awareAtMs,
            awareSetBy: awareAtMs === null ? null : ctx.actor,
            awareReason: awareAtMs === null ? null : (input.awareReason ?? null),
            facts: {},
            settings: {},
            createdAtMs: w.nowMs,
            createdBy: ctx.actor,
            createdWith: CAIRN_VERSION,
          };
          insertCaseInfo(w.db, info);
          const awarenessEntry =
            awareAtMs === null
              ? null
              : appendTimeline(w, {
                  eventTimeMs: awareAtMs,
                  kind: 'decision',
                  text: `Awareness time set to ${toIso(awareAtMs)}${input.awareReason ? `: ${input.awareReason}` : ''}. Notification clocks that run from awareness start here.`,
                });
          return {
            audit: {
              case: { ...info, facts: info.facts, settings: info.settings },
              ...(awarenessEntry ? { entry: timelineAuditRecord(awarenessEntry) } : {}),
            },
            value: undefined,
          };
        });
      },
      { clock: ctx.clock },
    );
    ctx.cases.adopt(file);
    const summary = summarize(file);
    rememberCase(ctx, summary.path, summary.title);
    return summary;
  },

  'case.open': (input, ctx) => {
    const summary = summarize(ctx.cases.forWrite(input.path));
    rememberCase(ctx, summary.path, summary.title);
    return summary;
  },

  'case.info': (input, ctx) => {
    const file = ctx.cases.forRead(input.path);
    return {
      ...summarize(file),
      counts: {
        timeline: count(file, 'timeline'),
        audit: count(file, 'audit'),
        sources: count(file, 'sources'),
        evidenceFiles: count(file, 'evidence_files'),
        events: count(file, 'events'),
        s3Access: count(file, 's3_access'),
        findings: count(file, 'findings'),
      },
      auditHead: auditHead(file.db),
    };
  },

  'case.verify': (input, ctx) => {
    return ctx.cases.withUnchanged(input.path, (file) => verifyCase(file.db, file.path));
  },
};
