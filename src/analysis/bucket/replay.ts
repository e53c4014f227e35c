// Replays a bucket's access-control changes, oldest first, into the intervals in which it was
// (or may have been) public. Pure: changes, the times of successful anonymous reads and the log
// coverage in; windows out.
//
// State: the bucket policy and bucket ACL are public / not public / unknown (unknown until a
// change sets them: nothing before the first log record is visible), public object ACLs by key,
// the bucket's and the account's public access block flags (unknown until set), and whether ACLs
// are disabled (BucketOwnerEnforced). An unknown grant counts only once a change has exposed it:
// a public access block removed or set with RestrictPublicBuckets / IgnorePublicAcls off, ACLs
// enabled again, or a put whose content the record lacks. Ignorance that merely predates the
// logs does not keep a window open. Exposure after each change:
//   public      a grant is known public and nothing known neutralises it;
//   possible    an exposed unknown grant, not neutralised;
//   unknown     only grants never seen and never exposed: the logs cannot say;
//   not-public  every grant is known not public, or neutralised.
// An unknown public access block counts as NOT neutralising (a successful public PutBucketPolicy
// already proves BlockPublicPolicy was off; the analysis says so in its caveats).
//
// Windows are the runs of "public" and "possible". An "unknown" stretch is reported as well when
// anonymous reads succeeded in it; the stretch from the first log record is also reported (as
// openStart) when the change that ends it shuts public access — the bucket may have been public
// since before the logs.
import type { Change } from './changes';
import {
  effectivePab,
  neutralisesAcls,
  neutralisesPolicy,
  UNKNOWN_PAB,
  type KnownFlag,
  type KnownPab,
} from './public-access-block';

export type Level = 'public' | 'possible' | 'unknown' | 'not-public';
type Tri = 'yes' | 'no' | 'unknown';

interface State {
  policy: Tri;
  policyReadsObjects: boolean;
  /** An unknown policy was exposed by a change (see the header). */
  policyExposed: boolean;
  bucketAcl: Tri;
  aclExposed: boolean;
  publicObjects: Set<string>;
  bucketPab: KnownPab;
  accountPab: KnownPab;
  aclsDisabled: KnownFlag;
}

export interface Segment {
  fromMs: number;
  level: Level;
  /** The change that started this segment; null for the stretch before the first change. */
  by: Change | null;
  /** What is (or may be) public in this segment, in plain words. */
  paths: string[];
}

export interface ReplayWindow {
  startMs: number;
  /** null: still open at the last log record. */
  endMs: number | null;
  openStart: boolean;
  openedBy: Change | null;
  closedBy: Change | null;
  confidence: 'confirmed' | 'possible';
  /** First moment the bucket is known to be public (a public grant, or an anonymous read). */
  publicFromMs: number | null;
  exposure: string[];
}

export interface Replay {
  segments: Segment[];
  windows: ReplayWindow[];
  finalLevel: Level;
  finalPaths: string[];
  /** Successful anonymous reads at times the replay says the bucket was not public. */
  unexplainedAnonymousReads: number[];
  /** Changes S3 accepted although the replayed public access block should have refused them. */
  conflicts: string[];
}

const tri = (status: 'public' | 'not-public' | 'unknown'): Tri =>
  status === 'public' ? 'yes' : status === 'not-public' ? 'no' : 'unknown';

function initialState(): State {
  return {
    policy: 'unknown',
    policyReadsObjects: false,
    policyExposed: false,
    bucketAcl: 'unknown',
    aclExposed: false,
    publicObjects: new Set(),
    bucketPab: UNKNOWN_PAB,
    accountPab: UNKNOWN_PAB,
    aclsDisabled: null,
  };
}

/** A block (bucket or account) set with this flag off exposes what the flag would neutralise. */
function exposeBy(
  s: State,
  flags: { restrictPublicBuckets: boolean; ignorePublicAcls: boolean },
): void {
  if (!flags.restrictPublicBuckets) s.policyExposed = true;
  if (!flags.ignorePublicAcls) s.aclExposed = true;
}

function apply(s: State, c: Change, conflicts: string[]): void {
  const e = c.effect;
  if (!e) return;
  const eff = effectivePab(s.bucketPab, s.accountPab);
  const at = `${c.ref.eventName} at ${c.ref.eventTime}`;
  switch (e.kind) {
    case 'policy':
      if (e.status === 'public' && eff.blockPublicPolicy === true)
        conflicts.push(
          `${at} set a policy Cairn reads as public although BlockPublicPolicy was on, which S3 refuses: either S3 judged the policy not public, or a public access block change is missing from the logs`,
        );
      s.policy = tri(e.status);
      s.policyExposed = e.status === 'unknown';
      s.policyReadsObjects = e.readsObjects;
      return;
    case 'bucket-acl':
      if (e.status === 'public' && eff.blockPublicAcls === true)
        conflicts.push(
          `${at} set a public bucket ACL although BlockPublicAcls was on, which S3 refuses: a public access block change is missing from the logs`,
        );
      s.bucketAcl = tri(e.status);
      s.aclExposed = e.status === 'unknown';
      return;
    case 'object-acl':
      if (e.key === null) return;
      if (e.status === 'public') s.publicObjects.add(e.key);
      else if (e.status === 'not-public') s.publicObjects.delete(e.key);
      return;
    case 'bucket-pab':
      s.bucketPab = e.flags ?? UNKNOWN_PAB;
      if (e.flags) exposeBy(s, e.flags);
      return;
    case 'account-pab':
      s.accountPab = e.flags ?? UNKNOWN_PAB;
      if (e.flags) exposeBy(s, e.flags);
      return;
    case 'ownership':
      s.aclsDisabled = e.aclsDisabled;
      if (e.aclsDisabled === false) s.aclExposed = true;
      return;
    case 'created':
    case 'deleted':
      s.policy = 'no';
      s.policyExposed = false;
      s.policyReadsObjects = false;
      s.bucketAcl = e.kind === 'created' ? tri(e.acl) : 'no';
      s.aclExposed = false;
      s.publicObjects = new Set();
      s.bucketPab = UNKNOWN_PAB;
      s.aclsDisabled = null;
      return;
  }
}

function exposure(s: State): { level: Level; paths: string[] } {
  const eff = effectivePab(s.bucketPab, s.accountPab);
  const sure: string[] = [];
  const maybe: string[] = [];
  let hidden = false;
  if (!neutralisesPolicy(eff)) {
    if (s.policy === 'yes')
      sure.push(
        s.policyReadsObjects
          ? 'bucket policy lets anyone read objects'
          : 'bucket policy grants everyone access (not object reads)',
      );
    if (s.policy === 'unknown' && s.policyExposed)
      maybe.push('bucket policy not known from the logs, and nothing known blocks it');
    if (s.policy === 'unknown' && !s.policyExposed) hidden = true;
  }
  if (!neutralisesAcls(eff, s.aclsDisabled)) {
    if (s.bucketAcl === 'yes') sure.push('bucket ACL grants AllUsers or AuthenticatedUsers');
    if (s.bucketAcl === 'unknown' && s.aclExposed)
      maybe.push('bucket ACL not known from the logs, and nothing known blocks it');
    if (s.bucketAcl === 'unknown' && !s.aclExposed) hidden = true;
    if (s.publicObjects.size > 0) {
      const keys = [...s.publicObjects];
      const shown = keys.slice(0, 3).join(', ');
      sure.push(
        `object ACL makes ${keys.length} object(s) public (${shown}${keys.length > 3 ? ', …' : ''})`,
      );
    }
  }
  if (sure.length) return { level: 'public', paths: sure };
  if (maybe.length) return { level: 'possible', paths: maybe };
  if (hidden) return { level: 'unknown', paths: [] };
  return { level: 'not-public', paths: [] };
}

const AT_START_PATH = 'public before the first log record cannot be ruled out';

export function replayExposure(
  changes: readonly Change[],
  anonymousReads: readonly number[],
  coverage: { startMs: number; endMs: number },
): Replay {
  const state = initialState();
  const conflicts: string[] = [];
  const segments: Segment[] = [{ fromMs: coverage.startMs, level: 'unknown', by: null, paths: [] }];
  for (const c of [...changes].sort((a, b) => a.timeMs - b.timeMs)) {
    if (c.failed || !c.effect) continue;
    apply(state, c, conflicts);
    const ex = exposure(state);
    segments.push({ fromMs: c.timeMs, level: ex.level, by: c, paths: ex.paths });
  }

  const endOf = (i: number): number => segments[i + 1]?.fromMs ?? Number.POSITIVE_INFINITY;
  const readsIn = (from: number, to: number): number[] =>
    anonymousReads.filter((t) => t >= from && t < to);
  const reported = segments.map(
    (s, i) =>
      s.level === 'public' ||
      s.level === 'possible' ||
      (s.level === 'unknown' && readsIn(s.fromMs, endOf(i)).length > 0),
  );
  // The unknown stretch from the first log record, shut by the change that ends it?
  let first = 0;
  while (first + 1 < segments.length && segments[first + 1]!.level === 'unknown') first++;
  const ender = segments[first + 1];
  const shutAtStart =
    ender !== undefined &&
    ender.level === 'not-public' &&
    ender.by?.effect?.kind !== 'created' &&
    ender.by?.effect?.kind !== 'deleted';
  if (shutAtStart || reported.slice(0, first + 1).some(Boolean))
    for (let i = 0; i <= first; i++) reported[i] = true;

  const windows: ReplayWindow[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (!reported[i]) continue;
    let j = i;
    while (j + 1 < segments.length && reported[j + 1]) j++;
    const run = segments.slice(i, j + 1);
    const closing = segments[j + 1];
    const startMs = segments[i]!.fromMs;
    const endMs = closing ? closing.fromMs : null;
    const reads = readsIn(startMs, endMs ?? Number.POSITIVE_INFINITY);
    const publicSeg = run.find((s) => s.level === 'public');
    const proofs = [publicSeg?.fromMs, reads[0]].filter((t): t is number => t !== undefined);
    const paths = run.flatMap((s) => (s.level === 'unknown' ? [] : s.paths));
    if (i === 0) paths.unshift(AT_START_PATH);
    if (reads.length && !publicSeg) paths.push('anonymous reads succeeded');
    windows.push({
      startMs,
      endMs,
      openStart: i === 0,
      openedBy: segments[i]!.by,
      closedBy: closing?.by ?? null,
      confidence: proofs.length ? 'confirmed' : 'possible',
      publicFromMs: proofs.length ? Math.min(...proofs) : null,
      exposure: [...new Set(paths)],
    });
    i = j;
  }

  const unexplained = segments.flatMap((s, i) =>
    s.level === 'not-public' ? readsIn(s.fromMs, endOf(i)) : [],
  );
  const last = segments[segments.length - 1]!;
  return {
    segments,
    windows,
    finalLevel: last.level,
    finalPaths: last.paths,
    unexplainedAnonymousReads: unexplained,
    conflicts,
  };
}
