// The coverage an export reports: the latest recorded coverage finding, or, when none was
// recorded, one computed for the export (and said so).
import { computeCoverage } from '../analysis/coverage';
import { listFindings } from '../casefile/repos/findings';
import type { Db } from '../casefile/sqlite';
import { CoverageReportSchema, type CoverageReport } from '../shared/coverage';

export function coverageForExport(db: Db): { report: CoverageReport | null; note: string } {
  const latest = listFindings(db, { kind: 'coverage' }).at(-1);
  const lastIngest = db
    .prepare('SELECT MAX(COALESCE(finished_at_ms, started_at_ms)) FROM sources')
    .pluck()
    .get() as number | null;
  if (latest && lastIngest !== null && lastIngest > Date.parse(latest.createdAt))
    return {
      report: computeCoverage(db),
      note: `Computed for this export: coverage finding #${latest.id} (${latest.createdAt}) predates the last ingest.`,
    };
  if (latest) {
    const parsed = CoverageReportSchema.safeParse(latest.result);
    if (parsed.success)
      return {
        report: parsed.data,
        note: `From coverage finding #${latest.id}, recorded ${latest.createdAt} by ${latest.actor}.`,
      };
  }
  return {
    report: computeCoverage(db),
    note: 'Computed for this export; no coverage analysis had been recorded in the case (cairn coverage FILE records one).',
  };
}
