// Attacker address accuracy: the addresses the team's work flags as coming from outside against
// the truth's attacker addresses, as precision, recall and their harmonic mean (F1, the score).
// Flagged: every address a key activity finding's key (and its lineage) called from, the source
// of every enumeration session the analysis did not call routine, every external reader in a
// bucket exposure finding, and the source of every pinned record; each only when the case's
// classifier puts it outside the organisation (public, cloud, Tor or threat-listed, not internal,
// private or an AWS service name). An address the team never classified counts as outside.
import type { ScoreMetric } from '../../shared/ops/tabletop-score';
import type { Truth } from '../truth';
import { bucketExposures, enumerations, keyActivities } from './findings';
import { ids, metric, missing, percent, some, type MetricHead } from './metric';
import type { ParticipantCase } from './participant';

const HEAD: MetricHead = {
  id: 'attacker-ips',
  title: 'Attacker address accuracy',
  unit: 'ratio',
  target: 1,
  targetText: 'every attacker address flagged and nothing else (F1 of precision and recall = 1.0)',
};

const OUTSIDE = new Set(['public', 'aws', 'tor', 'threat']);
const LOOKS_LIKE_IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]+)$/i;

export function flaggedAddresses(pc: ParticipantCase): {
  ips: Map<string, { findings: number[]; entries: number[] }>;
  sources: number;
} {
  const ips = new Map<string, { findings: number[]; entries: number[] }>();
  const outside = (ip: string | null): ip is string =>
    ip !== null && LOOKS_LIKE_IP.test(ip) && OUTSIDE.has(pc.ipClass[ip] ?? 'public');
  const add = (ip: string | null, by: { finding?: number; entry?: number }): void => {
    if (!outside(ip)) return;
    const e = ips.get(ip) ?? { findings: [], entries: [] };
    if (by.finding !== undefined) e.findings.push(by.finding);
    if (by.entry !== undefined) e.entries.push(by.entry);
    ips.set(ip, e);
  };
  const keys = keyActivities(pc.findings);
  const sweeps = enumerations(pc.findings);
  const buckets = bucketExposures(pc.findings);
  for (const k of keys) for (const ip of k.addresses) add(ip, { finding: k.findingId });
  for (const s of sweeps)
    for (const session of s.sessions)
      if (session.classification !== 'routine') add(session.sourceIp, { finding: s.findingId });
  for (const b of buckets) for (const ip of b.readers) add(ip, { finding: b.findingId });
  for (const p of pc.pinned) add(p.sourceIp, { entry: p.entryId });
  return { ips, sources: keys.length + sweeps.length + buckets.length + pc.pinned.length };
}

export function scoreAttackerIps(pc: ParticipantCase, truth: Truth): ScoreMetric {
  const truthIps = new Map(truth.attacker.ips.map((i) => [i.ip, i.role]));
  const { ips, sources } = flaggedAddresses(pc);
  if (sources === 0)
    return missing(
      HEAD,
      'No key activity, enumeration or bucket exposure finding, and no pinned evidence, names an address.',
      { truthIps: [...truthIps.keys()] },
    );
  const flagged = [...ips.keys()].sort();
  const hits = flagged.filter((ip) => truthIps.has(ip));
  const wrong = flagged.filter((ip) => !truthIps.has(ip));
  const missed = [...truthIps.keys()].filter((ip) => !ips.has(ip));
  const precision = flagged.length ? hits.length / flagged.length : 0;
  const recall = truthIps.size ? hits.length / truthIps.size : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const findingIds = [...ips.values()].flatMap((v) => v.findings);
  const entryIds = [...ips.values()].flatMap((v) => v.entries);
  const missedText = missed.map((ip) => `${ip} (${truthIps.get(ip)})`);
  return metric(HEAD, {
    value: Math.round(f1 * 1000) / 1000,
    score: f1 * 100,
    explanation: `Flagged ${flagged.length} outside address(es), ${hits.length} of the truth's ${truthIps.size} (recall ${percent(recall)}, precision ${percent(precision)})${missed.length ? `; missed ${some(missedText)}` : ''}${wrong.length ? `; not the attacker's: ${some(wrong)}` : ''}; from findings ${ids(findingIds)}${entryIds.length ? ` and pinned entries ${ids(entryIds)}` : ''}.`,
    evidence: { findings: findingIds, timeline: entryIds },
    parts: [
      ['Precision', percent(precision)],
      ['Recall', percent(recall)],
      ['Found', hits.length ? hits.join(', ') : 'none'],
      ['Missed', missedText.length ? missedText.join(', ') : 'none'],
      ['Flagged but not the attacker', wrong.length ? wrong.join(', ') : 'none'],
    ],
    data: { precision, recall, f1, found: hits, missed, wrong },
  });
}
