// Lineage completeness: of the credentials the attacker derived (keys, federation tokens, role
// sessions) and the principals it created, how many the team's key activity findings name.
// Scenarios where the attacker derived and created nothing leave this metric out.
import type { ScoreMetric } from '../../shared/ops/tabletop-score';
import type { Truth } from '../truth';
import { keyActivities } from './findings';
import { ids, metric, missing, notApplicable, some, type MetricHead } from './metric';
import type { ParticipantCase } from './participant';

const HEAD: MetricHead = {
  id: 'lineage',
  title: 'Lineage completeness',
  unit: 'count',
  target: null,
  targetText: 'every derived credential and created principal found',
};

export function scoreLineage(pc: ParticipantCase, truth: Truth): ScoreMetric {
  const derived = truth.credentials.derived.map((d) => ({
    id: d.accessKeyId,
    what: `${d.kind} ${d.accessKeyId}`,
  }));
  const created = truth.credentials.createdPrincipals.map((p) => ({
    id: p.userName,
    what: `user ${p.userName}`,
  }));
  const total = derived.length + created.length;
  const head = { ...HEAD, target: total };
  if (total === 0)
    return notApplicable(
      head,
      'The attacker derived no credential and created no principal in this scenario.',
    );
  const keys = keyActivities(pc.findings);
  if (keys.length === 0)
    return missing(head, 'No key activity finding in the case: the lineage was not traced.', {
      expected: [...derived, ...created].map((x) => x.what),
    });
  const foundKeys = new Map<string, number>();
  const foundUsers = new Map<string, number>();
  for (const k of keys) {
    for (const d of k.derived) foundKeys.set(d.accessKeyId, k.findingId);
    for (const u of k.createdUsers) foundUsers.set(u.name, k.findingId);
  }
  const hit = [
    ...derived.filter((d) => foundKeys.has(d.id)),
    ...created.filter((c) => foundUsers.has(c.id)),
  ];
  const miss = [
    ...derived.filter((d) => !foundKeys.has(d.id)),
    ...created.filter((c) => !foundUsers.has(c.id)),
  ];
  const findingIds = [
    ...new Set(
      hit
        .map((h) => foundKeys.get(h.id) ?? foundUsers.get(h.id))
        .filter((x): x is number => x !== undefined),
    ),
  ];
  return metric(head, {
    value: hit.length,
    score: (hit.length / total) * 100,
    explanation: `Found ${hit.length} of ${total}: ${hit.length ? some(hit.map((h) => h.what)) : 'nothing'}${miss.length ? `; missed ${some(miss.map((m) => m.what))}` : ''} (key activity finding${findingIds.length === 1 ? '' : 's'} ${ids(findingIds.length ? findingIds : keys.map((k) => k.findingId))}).`,
    evidence: {
      findings: findingIds.length ? findingIds : keys.map((k) => k.findingId),
      events: [
        ...truth.credentials.derived.map((d) => d.issuedBy.eventId),
        ...truth.credentials.createdPrincipals.map((p) => p.createdBy.eventId),
      ].filter((x): x is string => x !== null),
    },
    parts: [
      ['Found', hit.length ? hit.map((h) => h.what).join(', ') : 'none'],
      ['Missed', miss.length ? miss.map((m) => m.what).join(', ') : 'none'],
    ],
    data: { found: hit.map((h) => h.id), missed: miss.map((m) => m.id) },
  });
}
