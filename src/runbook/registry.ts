// The runbooks this build of Cairn can run, found by id and version.
import { RUNBOOKS, type ShippedRunbook } from '../../runbooks';
import { CairnError } from '../shared/errors';

export function listRunbooks(): ShippedRunbook[] {
  const latest = new Map<string, ShippedRunbook>();
  for (const r of RUNBOOKS) latest.set(r.info.id, r);
  return [...latest.values()];
}

export function findRunbook(id: string, version?: string): ShippedRunbook {
  const matches = RUNBOOKS.filter((r) => r.info.id === id);
  if (matches.length === 0) {
    throw new CairnError(
      'NOT_FOUND',
      `no runbook "${id}"`,
      `choose one of: ${listRunbooks()
        .map((r) => r.info.id)
        .join(', ')}`,
    );
  }
  if (version === undefined) return matches[matches.length - 1]!;
  const exact = matches.find((r) => r.info.version === version);
  if (!exact) {
    throw new CairnError(
      'NEWER_VERSION',
      `this case's run uses runbook ${id} ${version}, which this Cairn does not have (it has ${matches.map((m) => m.info.version).join(', ')})`,
      'open the case with the Cairn version that started the run',
    );
  }
  return exact;
}
