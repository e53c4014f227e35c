// Exposure window accuracy: the window the team established against the truth's. The team's
// window is, in order of preference: its bucket exposure finding for the truth's bucket (from
// when the bucket was known public to its close), its key activity finding for the leaked key
// (the analysis's window), or a run's exposedAt fact (a start only). An end still open, on either
// side, counts as the end of the generated logs.
//
// Scale: half from the overlap (intersection over union of the two intervals), a quarter each
// from the start and end errors (full marks within a minute, none at an hour or more).
import type { ScoreMetric } from '../../shared/ops/tabletop-score';
import type { Truth } from '../truth';
import { MINUTE, minutesText } from './clock';
import { bucketExposures, keyActivities } from './findings';
import { iso, linear, metric, missing, percent, type MetricHead } from './metric';
import type { ParticipantCase } from './participant';
import { truthExposure } from './truth-view';

const HEAD: MetricHead = {
  id: 'exposure-window',
  title: 'Exposure window accuracy',
  unit: 'ratio',
  target: 1,
  targetText:
    'the same window as the truth: overlap 1.0, start and end within a minute (an hour off scores nothing)',
};

interface TeamWindow {
  startMs: number;
  /** null: still open at the end of the logs; undefined: the team never said. */
  endMs: number | null | undefined;
  source: string;
  findingId: number | null;
  runId: number | null;
}

function teamWindow(pc: ParticipantCase, truth: Truth): TeamWindow | null {
  const buckets = new Set(truth.buckets.map((b) => b.name));
  const bucket = bucketExposures(pc.findings).find((b) => buckets.has(b.bucket));
  if (bucket && bucket.windows.length) {
    const first = bucket.windows[0]!;
    const last = bucket.windows[bucket.windows.length - 1]!;
    return {
      startMs: Date.parse(first.publicFrom ?? first.start),
      endMs: last.end === null ? null : Date.parse(last.end),
      source: `bucket exposure finding #${bucket.findingId}`,
      findingId: bucket.findingId,
      runId: null,
    };
  }
  const keys = new Set(truth.credentials.leaked.map((l) => l.accessKeyId));
  const key = keyActivities(pc.findings).find((k) => keys.has(k.accessKeyId) && k.window.start);
  if (key) {
    return {
      startMs: Date.parse(key.window.start!),
      endMs: key.window.end === null ? null : Date.parse(key.window.end),
      source: `key activity finding #${key.findingId}`,
      findingId: key.findingId,
      runId: null,
    };
  }
  for (const run of pc.runs) {
    const at = run.facts['exposedAt'];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)))
      return {
        startMs: Date.parse(at),
        endMs: undefined,
        source: `run #${run.runId}'s exposedAt fact`,
        findingId: null,
        runId: run.runId,
      };
  }
  return null;
}

function overlapRatio(a: [number, number], b: [number, number]): number {
  const inter = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
  const union = Math.max(a[1], b[1]) - Math.min(a[0], b[0]);
  return union <= 0 ? (a[0] === b[0] ? 1 : 0) : inter / union;
}

export function scoreExposureWindow(pc: ParticipantCase, truth: Truth): ScoreMetric {
  const t = truthExposure(truth);
  const logsEnd = Date.parse(truth.window.end);
  const truthEnd = t.endMs ?? logsEnd;
  const truthText = `${iso(t.startMs)} to ${t.endMs === null ? 'still open' : iso(t.endMs)}`;
  const team = teamWindow(pc, truth);
  if (!team)
    return missing(
      HEAD,
      'No exposure window in the case: no bucket exposure or key activity finding for what the truth exposed, and no exposedAt fact in a run.',
      { truthStart: iso(t.startMs), truthEnd: t.endMs === null ? null : iso(t.endMs) },
    );
  const startError = (team.startMs - t.startMs) / MINUTE;
  const startScore = linear(startError, 1, 60);
  const teamEndText =
    team.endMs === undefined ? 'not stated' : team.endMs === null ? 'still open' : iso(team.endMs);
  const evidence = {
    findings: team.findingId !== null ? [team.findingId] : [],
    runs: team.runId !== null ? [team.runId] : [],
  };
  const common = {
    truthStart: iso(t.startMs),
    truthEnd: t.endMs === null ? null : iso(t.endMs),
    teamStart: iso(team.startMs),
    teamEnd: team.endMs === undefined || team.endMs === null ? null : iso(team.endMs),
    source: team.source,
    startErrorMinutes: Math.round(startError),
  };
  if (team.endMs === undefined) {
    return metric(HEAD, {
      value: null,
      score: 25 * startScore,
      explanation: `Only a start is recorded (${team.source}): ${minutesText(startError)} from the truth's ${iso(t.startMs)}; no end, so neither the overlap nor the end can be judged.`,
      evidence,
      parts: [
        ['Truth', truthText],
        ['Team', `${iso(team.startMs)} to not stated`],
        ['Start error', minutesText(startError)],
      ],
      data: { ...common, endErrorMinutes: null, overlap: null },
    });
  }
  const teamEnd = team.endMs ?? logsEnd;
  const endError = (teamEnd - truthEnd) / MINUTE;
  const endScore = linear(endError, 1, 60);
  const overlap = overlapRatio([team.startMs, teamEnd], [t.startMs, truthEnd]);
  return metric(HEAD, {
    value: Math.round(overlap * 1000) / 1000,
    score: 50 * overlap + 25 * startScore + 25 * endScore,
    explanation: `The team's window (${team.source}: ${iso(team.startMs)} to ${teamEndText}) overlaps the truth's (${truthText}) ${percent(overlap)}; start ${minutesText(startError)} off, end ${minutesText(endError)} off.`,
    evidence,
    parts: [
      ['Truth', truthText],
      ['Team', `${iso(team.startMs)} to ${teamEndText}`],
      ['Overlap (intersection / union)', percent(overlap)],
      ['Start error', minutesText(startError)],
      ['End error', minutesText(endError)],
    ],
    data: { ...common, endErrorMinutes: Math.round(endError), overlap },
  });
}
