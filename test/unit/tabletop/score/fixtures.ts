// Hand-written truths and team cases for the metric tests. The truth is a small leaked-key story
// with round times so every expected score can be worked out on paper:
//   10:00 key pushed to GitHub (exposure starts)       10:05 first malicious use (15.0.0.1)
//   11:00 CreateUser aws-support-sync (inflection)      11:02 backdoor key AKIABACKDOOR00000001
//   11:05 federation token ASIAFEDERATED0000001 (valid to 23:05)
//   13:00 the generated responders deactivate the key  window ends 2026-03-17T00:00Z
import type { Obligation } from '../../../../src/shared/deadlines';
import type { TimelineEntry } from '../../../../src/shared/domain';
import type { ParticipantCase, RunRecord } from '../../../../src/tabletop/score';
import { TruthSchema, type Moment, type Truth } from '../../../../src/tabletop/truth';

export const DAY = '2026-03-16';
export const at = (hhmm: string): string => `${DAY}T${hhmm}:00.000Z`;
export const ms = (hhmm: string): number => Date.parse(at(hhmm));

export const LEAKED = 'AKIALEAKED0000000001';
export const BACKDOOR = 'AKIABACKDOOR00000001';
export const FEDERATED = 'ASIAFEDERATED0000001';
const VICTIM = 'arn:aws:iam::111122223333:user/svc-reporting';

export function moment(
  hhmm: string,
  eventId: string | null,
  eventName: string,
  ip: string | null = null,
): Moment {
  return {
    time: at(hhmm),
    eventId,
    eventName,
    requestId: null,
    sourceIp: ip,
    description: `${eventName} at ${hhmm}`,
  };
}

const FACTS: Truth['obligations']['facts'] = {
  affectedByJurisdiction: { 'US-CA': 10, 'US-WA': 5 },
  affectedCountsComplete: true,
  totalAffected: 15,
  dataCategories: ['ssn'],
  dataRole: 'owner',
};

/** A valid truth (checked with TruthSchema) with the story above; `patch` replaces top-level parts. */
export function leakedKeyTruth(patch: Partial<Truth> = {}): Truth {
  const created = moment('11:00', 'ev-createuser', 'CreateUser', '185.0.0.2');
  const backdoorKey = moment('11:02', 'ev-createkey', 'CreateAccessKey', '185.0.0.2');
  const fedToken = moment('11:05', 'ev-fedtoken', 'GetFederationToken', '185.0.0.2');
  const containment = moment('13:00', 'ev-contain', 'UpdateAccessKey', '203.0.113.10');
  const derived = (
    id: string,
    kind: 'iam-access-key' | 'federation-token',
    by: Moment,
    exp: string | null,
  ) => ({
    accessKeyId: id,
    kind,
    principalArn:
      kind === 'iam-access-key'
        ? 'arn:aws:iam::111122223333:user/aws-support-sync'
        : 'arn:aws:sts::111122223333:federated-user/aws-support',
    parentAccessKeyId: LEAKED,
    issuedBy: by,
    expiration: exp,
    expirationAsLogged: null,
    firstUse: null,
    lastUse: null,
    usedAfterParentContained: false,
    revokedBy: null,
  });
  const truth: Truth = {
    format: 'cairn.tabletop.truth',
    version: 1,
    scenario: 'leaked-key',
    title: 'Leaked access key (hand-written)',
    seed: 7,
    parameters: {
      events: 1000,
      start: `${DAY}T00:00:00.000Z`,
      hours: 24,
      containAfterMinutes: 175,
      persistence: true,
      writes: true,
      dataEvents: true,
    },
    window: { start: `${DAY}T00:00:00.000Z`, end: '2026-03-17T00:00:00.000Z' },
    layout: {
      cloudTrail: 'logs/cloudtrail',
      s3AccessLogs: 'logs/s3-access',
      organizationId: 'o-test',
    },
    org: {
      accounts: [{ id: '111122223333', name: 'production' }],
      regions: ['us-east-1'],
      victimAccount: '111122223333',
      internalCidrs: ['198.51.100.0/24'],
    },
    story: [
      `${at('10:00')}: the key is pushed to GitHub.`,
      `${at('12:00')}: payroll files downloaded.`,
    ],
    keyMoments: {
      exposureStart: moment('10:00', null, 'KeyPublished'),
      firstMaliciousUse: moment('10:05', 'ev-first', 'GetCallerIdentity', '15.0.0.1'),
      inflectionPoint: created,
      containment,
    },
    attacker: {
      ips: [
        { ip: '15.0.0.1', kind: 'aws-ec2', source: 'test', role: 'key scanner' },
        { ip: '185.0.0.2', kind: 'tor', source: 'test', role: 'operator' },
        { ip: '176.0.0.3', kind: 'tor', source: 'test', role: 'federated session' },
      ],
      userAgents: [],
      principalArns: [VICTIM],
      eventIds: ['ev-first', 'ev-createuser'],
      s3RequestIds: [],
    },
    credentials: {
      leaked: [
        {
          accessKeyId: LEAKED,
          principalArn: VICTIM,
          exposedAt: at('10:00'),
          how: 'pushed to GitHub',
          issuedBy: null,
          expiration: null,
          firstMaliciousUse: moment('10:05', 'ev-first', 'GetCallerIdentity', '15.0.0.1'),
          deactivatedBy: containment,
        },
      ],
      derived: [
        derived(BACKDOOR, 'iam-access-key', backdoorKey, null),
        derived(FEDERATED, 'federation-token', fedToken, at('23:05')),
      ],
      createdPrincipals: [
        {
          arn: 'arn:aws:iam::111122223333:user/aws-support-sync',
          userName: 'aws-support-sync',
          createdBy: created,
          policies: [],
          accessKeyIds: [BACKDOOR],
        },
      ],
    },
    exposureWindows: [
      {
        kind: 'credential',
        subject: LEAKED,
        start: at('10:00'),
        end: at('13:00'),
        openedBy: null,
        closedBy: containment,
        note: '',
      },
      {
        kind: 'credential',
        subject: BACKDOOR,
        start: at('11:02'),
        end: null,
        openedBy: backdoorKey,
        closedBy: null,
        note: '',
      },
      {
        kind: 'credential',
        subject: FEDERATED,
        start: at('11:05'),
        end: at('23:05'),
        openedBy: fedToken,
        closedBy: null,
        note: '',
      },
    ],
    buckets: [],
    objectsRead: [],
    obligations: {
      facts: FACTS,
      applicable: [
        {
          ruleId: 'us-ca-individuals',
          regime: 'x',
          jurisdiction: 'California',
          notify: [],
          deadline: '30 calendar days',
          reasons: [],
        },
        {
          ruleId: 'us-wa-individuals',
          regime: 'x',
          jurisdiction: 'Washington',
          notify: [],
          deadline: '30 calendar days',
          reasons: [],
        },
      ],
      needsAnswer: [],
      note: '',
    },
    counts: {
      cloudTrailRecords: 1000,
      backgroundRecords: 980,
      incidentRecords: 20,
      trailFiles: 10,
      accessLogLines: 0,
      accessLogFiles: 0,
    },
    ...patch,
  };
  return TruthSchema.parse(truth);
}

/** The same organisation's public-bucket story: public 08:07–11:10, 3 objects read. */
export function publicBucketTruth(): Truth {
  const base = leakedKeyTruth();
  const opened = moment('08:07', 'ev-policy', 'PutBucketPolicy', '198.51.100.24');
  const closed = moment('11:10', 'ev-block', 'PutBucketPublicAccessBlock', '203.0.113.10');
  return TruthSchema.parse({
    ...base,
    scenario: 'public-bucket',
    keyMoments: {
      exposureStart: opened,
      firstMaliciousUse: moment('08:37', null, 'REST.GET.BUCKET', '51.0.0.1'),
      inflectionPoint: moment('08:38', null, 'REST.GET.OBJECT', '51.0.0.1'),
      containment: closed,
    },
    credentials: { leaked: [], derived: [], createdPrincipals: [] },
    exposureWindows: [
      {
        kind: 'bucket',
        subject: 'exports-eu',
        start: at('08:07'),
        end: at('11:10'),
        openedBy: opened,
        closedBy: closed,
        note: '',
      },
    ],
    buckets: [
      {
        name: 'exports-eu',
        account: '111122223333',
        region: 'eu-west-1',
        dataEvents: true,
        accessLogging: true,
        publicVia: 'bucket-policy',
        openedBy: [moment('08:04', 'ev-delete-bpa', 'DeleteBucketPublicAccessBlock'), opened],
        closedBy: closed,
      },
    ],
  });
}

/** A team case with nothing in it; `patch` adds what a test needs. */
export function teamCase(patch: Partial<ParticipantCase> = {}): ParticipantCase {
  return {
    path: '/cases/team.cairn',
    caseId: 'case-1',
    title: 'Team A',
    timezone: 'UTC',
    awareness: null,
    findings: [],
    runs: [],
    timeline: [],
    pinned: [],
    ipClass: {},
    deadlines: null,
    ...patch,
  };
}

/** A finding as the reader returns it. */
export function finding(id: number, kind: string, subject: string, result: unknown) {
  return {
    id,
    kind,
    subject,
    title: `${kind} ${subject}`,
    createdAtMs: ms('12:00'),
    actor: 'alice',
    result,
  };
}

/** A timeline entry recorded at `recorded` (HH:MM on the day). */
export function entry(
  id: number,
  kind: TimelineEntry['kind'],
  text: string,
  recorded: string,
  refs: TimelineEntry['refs'] = [],
): TimelineEntry {
  return {
    id,
    eventTime: at(recorded),
    recordedAt: at(recorded),
    kind,
    actor: 'alice',
    text,
    refs,
    supersedes: null,
    retracted: false,
    auditSeq: id + 100,
  };
}

/** A leaked-access-key run; transitions and step states come from the test. */
export function leakedKeyRun(patch: Partial<RunRecord> = {}): RunRecord {
  const step = (
    id: string,
    title: string,
    kind: RunRecord['steps'][number]['kind'],
    action: RunRecord['steps'][number]['action'] = null,
  ) => ({
    id,
    title,
    phase: 'contain' as const,
    kind,
    state: 'pending' as const,
    action,
  });
  return {
    runId: 1,
    runbookId: 'leaked-access-key',
    title: 'Leaked access key',
    status: 'active',
    startedAtMs: ms('10:30'),
    startedBy: 'alice',
    facts: { accessKeyId: LEAKED },
    steps: [
      step('intake', 'What leaked, and since when', 'input'),
      step('deactivate', 'Deactivate the key now', 'action', 'deactivate-access-key'),
      step('keyActivity', 'Everything the key did', 'evidence'),
      step('sessions', 'Revoke the sessions the key created?', 'decision'),
      step(
        'revokeSessions',
        'Revoke sessions issued before now',
        'action',
        'revoke-older-sessions',
      ),
      step('watch', 'Watch for the key for 30 minutes', 'timer'),
      step('enumeration', 'Recon, then writes?', 'evidence'),
      step('compromise', 'How far did it go?', 'decision'),
    ],
    transitions: [],
    ...patch,
  };
}

/** A runbook transition at HH:MM (wall clock = incident time unless a test maps them). */
export function transition(
  hhmm: string,
  event: string,
  step: string,
  extra: Partial<RunRecord['transitions'][number]> = {},
): RunRecord['transitions'][number] {
  return {
    timelineEntryId: null,
    atMs: ms(hhmm),
    actor: 'alice',
    event,
    step,
    rationale: null,
    choice: null,
    outcome: null,
    target: null,
    ...extra,
  };
}

/** The parts of an obligation the deadlines metric reads, for one rule. */
export function obligation(
  ruleId: string,
  o: {
    applicable?: boolean;
    dueMs?: number | null;
    notice?: { onTime: boolean | null } | null;
  } = {},
): Obligation {
  return {
    rule: { id: ruleId },
    applicability: o.applicable === false ? 'not_applicable' : 'applicable',
    clock: o.dueMs === undefined || o.dueMs === null ? { due: null } : { due: { ms: o.dueMs } },
    notice: o.notice ?? null,
  } as unknown as Obligation;
}
