// What every analysis needs from the case besides the events: its settings (internal ranges,
// threat lists, a newer AWS ranges file) and an IP classifier built from them.
import type { Db } from '../casefile/sqlite';
import { CaseSettingsSchema, type CaseSettings } from '../shared/domain';
import { createIpClassifier, parseAwsIpRanges, parseThreatList, type IpClassifier } from './ip';

export function readSettings(db: Db): CaseSettings {
  const raw = db.prepare('SELECT settings FROM case_info WHERE id = 1').pluck().get() as
    string | undefined;
  return CaseSettingsSchema.parse(raw ? JSON.parse(raw) : {});
}

const cache = new Map<string, IpClassifier>();

/** The classifier for these settings; built once per distinct settings (the AWS data is large). */
export function classifierFor(settings: CaseSettings): IpClassifier {
  const key = JSON.stringify(settings);
  let c = cache.get(key);
  if (!c) {
    c = createIpClassifier({
      internal: settings.internalCidrs,
      threats: settings.threatLists.map((t) => parseThreatList(t.text, t.name).list),
      ...(settings.awsIpRanges
        ? { aws: parseAwsIpRanges(settings.awsIpRanges, 'case settings: awsIpRanges') }
        : {}),
    });
    if (cache.size > 8) cache.clear();
    cache.set(key, c);
  }
  return c;
}

export function caseClassifier(db: Db): IpClassifier {
  return classifierFor(readSettings(db));
}
