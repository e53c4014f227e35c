// Key activity, enumeration, and the findings list. Each analysis runs on the case, is recorded
// as a finding (superseding the previous run for the same subject) and returned.
import { enumerationFinding, keyActivityFinding } from '../../analysis/as-finding';
import { listFindings, recordFinding, type NewFinding } from '../../casefile/repos/findings';
import { CairnError } from '../../shared/errors';
import { parseInstant } from '../../shared/time';
import type { ApiContext } from '../context';
import type { Handlers } from './types';

/** Records an analysis result as a finding, audited, and returns its id with the result. */
export function recordAnalysis(
  ctx: ApiContext,
  path: string,
  f: NewFinding,
): { findingId: number; result: Record<string, unknown> } {
  const file = ctx.cases.forWrite(path);
  const finding = file.writer.write(`analysis.${f.kind}`, ctx.actor, (w) => {
    const r = recordFinding(w, f);
    return { audit: { finding: r.audit }, value: r.finding };
  });
  return { findingId: finding.id, result: f.result as Record<string, unknown> };
}

export const analysisHandlers: Pick<
  Handlers,
  'analysis.keyActivity' | 'analysis.enumeration' | 'findings.list'
> = {
  'analysis.keyActivity': (input, ctx) => {
    const exposedAt =
      input.exposedAt === undefined ? undefined : parseInstant(input.exposedAt, 'exposedAt');
    const db = ctx.cases.forWrite(input.path).db;
    const { finding } = keyActivityFinding(db, {
      accessKeyId: input.accessKeyId,
      ...(exposedAt !== undefined ? { exposedAt, exposedAtText: input.exposedAt } : {}),
    });
    return recordAnalysis(ctx, input.path, finding);
  },

  'analysis.enumeration': (input, ctx) => {
    if (input.principalArn && input.accessKeyId) {
      throw new CairnError('INVALID_INPUT', 'give either principalArn or accessKeyId, not both');
    }
    const db = ctx.cases.forWrite(input.path).db;
    const options = {
      ...(input.principalArn ? { principalArn: input.principalArn } : {}),
      ...(input.accessKeyId ? { accessKeyId: input.accessKeyId } : {}),
      ...(input.from ? { fromMs: parseInstant(input.from, 'from') } : {}),
      ...(input.to ? { toMs: parseInstant(input.to, 'to') } : {}),
      ...(input.sessionGapMinutes ? { sessionGapMinutes: input.sessionGapMinutes } : {}),
      ...(input.minDistinctApis ? { minDistinctApis: input.minDistinctApis } : {}),
      ...(input.minServices ? { minServices: input.minServices } : {}),
      ...(input.minDenied ? { minDenied: input.minDenied } : {}),
    };
    return recordAnalysis(ctx, input.path, enumerationFinding(db, options).finding);
  },

  'findings.list': (input, ctx) => ({
    findings: listFindings(ctx.cases.forRead(input.path).db, {
      ...(input.kind ? { kind: input.kind } : {}),
      includeSuperseded: input.includeSuperseded,
    }),
  }),
};
