// Case settings the analyses use. Changing them is audited like any other change; the AWS ranges
// file is stored in the case as given, so a result can be re-checked with the same data later.
import { readFileSync } from 'node:fs';
import { classifierFor, readSettings } from '../../analysis/context';
import { parseAwsIpRanges, parseThreatList } from '../../analysis/ip';
import { CairnError } from '../../shared/errors';
import type { CaseSettings } from '../../shared/domain';
import type { OpOutput } from '../../shared/contract';
import type { Handlers } from './types';

function summary(settings: CaseSettings): OpOutput<'case.settings'> {
  const aws = classifierFor(settings).sources.aws;
  return {
    internalCidrs: settings.internalCidrs,
    threatLists: settings.threatLists.map((t) => {
      const parsed = parseThreatList(t.text, t.name);
      return {
        name: t.name,
        entries: parsed.list.entries.length,
        badLines: parsed.errors.map((e) => `line ${e.line}: ${e.reason}`),
      };
    }),
    awsIpRanges: aws
      ? { syncToken: aws.syncToken, createDate: aws.createDate, source: aws.source }
      : { syncToken: '', createDate: '', source: 'none' },
  };
}

export const settingsHandlers: Pick<Handlers, 'case.settings'> = {
  'case.settings': (input, ctx) => {
    const changing =
      input.internalCidrs !== undefined ||
      input.addThreatList ||
      input.removeThreatList ||
      input.awsIpRangesFile;
    if (!changing) return summary(readSettings(ctx.cases.forRead(input.path).db));
    const file = ctx.cases.forWrite(input.path);
    const next: CaseSettings = { ...readSettings(file.db) };
    if (input.internalCidrs !== undefined) next.internalCidrs = input.internalCidrs;
    if (input.removeThreatList)
      next.threatLists = next.threatLists.filter((t) => t.name !== input.removeThreatList);
    if (input.addThreatList) {
      next.threatLists = [
        ...next.threatLists.filter((t) => t.name !== input.addThreatList!.name),
        input.addThreatList,
      ];
    }
    if (input.awsIpRangesFile) {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(input.awsIpRangesFile, 'utf8'));
      } catch (err) {
        throw new CairnError(
          'INVALID_INPUT',
          `awsIpRangesFile: ${input.awsIpRangesFile} cannot be read as JSON (${(err as Error).message})`,
        );
      }
      parseAwsIpRanges(raw, input.awsIpRangesFile);
      next.awsIpRanges = raw;
    }
    // Building the classifier validates every range and list before anything is stored.
    classifierFor(next);
    file.writer.write('case.settings', ctx.actor, (w) => {
      w.db.prepare('UPDATE case_info SET settings = ? WHERE id = 1').run(JSON.stringify(next));
      return {
        audit: {
          internalCidrs: next.internalCidrs,
          threatLists: next.threatLists.map((t) => t.name),
          awsIpRanges: next.awsIpRanges ? 'replaced' : 'bundled',
        },
        value: undefined,
      };
    });
    return summary(next);
  },
};
