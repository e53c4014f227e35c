// Everything an access key did, and the credentials it begot: first and last use, by source IP
// (with its class), region, service and user agent, its writes and errors, its lineage, and the
// exposure window from exposure (or first use) to deactivation — or later, when session
// credentials it created outlive the key.
import type { Db } from '../../casefile/sqlite';
import { allEvents, runCaseQuery } from '../../query/casefile';
import { hasEventName } from '../../query/rows';
import type { EventRow } from '../../shared/domain';
import { keyRollup } from '../activity/key-rollups';
import { caseClassifier } from '../context';
import { at, fullRecords, str } from '../records';
import {
  ref,
  traceLineage,
  type CreatedPrincipal,
  type DerivedCredential,
  type EventRef,
} from './lineage';

export interface KeyActivityInput {
  accessKeyId: string;
  /** When the key was exposed (e.g. pushed to a public repo); the window starts here if given. */
  exposedAt?: number;
}

export interface Highlight {
  at: string;
  text: string;
  refs: { type: 'event'; id: string }[];
}

export interface KeyActivity {
  accessKeyId: string;
  found: boolean;
  /** Plain words when there is nothing (or little) to show, and why. */
  message: string | null;
  principals: string[];
  calls: number;
  firstSeen: string | null;
  lastSeen: string | null;
  deactivatedAt: string | null;
  deactivatedBy: EventRef | null;
  window: { start: string | null; end: string | null; basis: string };
  byIp: { ip: string; class: string; calls: number; first: string; last: string }[];
  byRegion: { region: string; calls: number }[];
  byService: { service: string; calls: number }[];
  userAgents: { userAgent: string; calls: number }[];
  writes: (EventRef & { errorCode: string | null })[];
  errors: { errorCode: string; calls: number }[];
  derivedCredentials: DerivedCredential[];
  createdPrincipals: CreatedPrincipal[];
  /** The key's calls (and those of its derived credentials), oldest first, up to 1000. */
  events: (EventRef & {
    errorCode: string | null;
    readOnly: boolean | null;
    awsRegion: string | null;
  })[];
  eventsTruncated: boolean;
  highlights: Highlight[];
  caveats: string[];
}

const READ_PREFIX =
  /^(Get|List|Describe|Head|Lookup|Search|Select|Batch(Get|Describe)|Check|Decrypt|Generate|Estimate|Test)/;

export function isWrite(e: Pick<EventRow, 'readOnly' | 'eventName'>): boolean {
  return e.readOnly === false || (e.readOnly === null && !READ_PREFIX.test(e.eventName));
}

const iso = (ms: number): string => new Date(ms).toISOString();

type Off = { at: string; by: EventRef; deleted: boolean };

/**
 * Each key's state at the end of the logs: deleted, deactivated (and not reactivated), or active
 * (absent). Read once for every key, so the lineage's own keys can be checked too.
 */
function deactivations(db: Db): Map<string, Off> {
  // All of them: the last change of a key decides its state, and a busy account rotates many.
  const changes = allEvents(db, {
    eventNames: ['UpdateAccessKey', 'DeleteAccessKey'],
    errorCodes: 'none',
  });
  const records = fullRecords(db, changes);
  const off = new Map<string, Off>();
  for (const e of changes) {
    const r = records.get(e.rowId);
    const key = str(at(r, 'requestParameters.accessKeyId'));
    if (key === null) continue;
    const status = str(at(r, 'requestParameters.status'));
    const was = off.get(key);
    if (e.eventName === 'DeleteAccessKey')
      off.set(key, { at: e.eventTime, by: ref(e), deleted: true });
    else if (was?.deleted)
      continue; // a deleted key cannot come back
    else if (status === 'Inactive') off.set(key, { at: e.eventTime, by: ref(e), deleted: false });
    else if (status === 'Active') off.delete(key);
  }
  return off;
}

function window(
  exposedAt: number | undefined,
  firstSeen: string | null,
  off: { at: string } | null,
  derived: DerivedCredential[],
  /** Long-term keys the lineage created that the logs never show deactivated or deleted. */
  activeKeys: DerivedCredential[],
): KeyActivity['window'] {
  const start = exposedAt !== undefined ? new Date(exposedAt).toISOString() : firstSeen;
  const startBasis =
    exposedAt !== undefined
      ? 'from the exposure time given by the responder'
      : 'from the first use in the logs (no exposure time given)';
  if (!off) {
    return {
      start,
      end: null,
      basis: `${startBasis}; still open: the key was not deactivated or deleted in the logs the case holds`,
    };
  }
  // A key the lineage created works until someone turns it off: the exposure goes on through it.
  const active = activeKeys[0];
  if (active) {
    return {
      start,
      end: null,
      basis: `${startBasis}; still open: the key was deactivated at ${off.at}, but access key ${active.accessKeyId} it created${active.principal ? ` for ${active.principal}` : ''} was not deactivated or deleted in the logs the case holds`,
    };
  }
  const outliving = derived
    .filter((d) => d.expiration !== null && d.expiration > off.at)
    .sort((a, b) => (a.expiration! < b.expiration! ? 1 : -1))[0];
  if (outliving) {
    return {
      start,
      end: outliving.expiration,
      basis: `${startBasis} to ${outliving.expiration}: the key was deactivated at ${off.at}, but session credentials it created (${outliving.accessKeyId}, ${outliving.kind}) stay valid until they expire unless their sessions are revoked`,
    };
  }
  return { start, end: off.at, basis: `${startBasis} to the deactivation at ${off.at}` };
}

export function keyActivity(db: Db, input: KeyActivityInput): KeyActivity {
  const key = input.accessKeyId;
  const principals = keyRollup(db, [key], 'principalArn')
    .map((g) => g.value)
    .filter((p): p is string => p !== null);
  const lineage = traceLineage(db, key, principals);
  const byIpGroups = keyRollup(db, [key], 'sourceIp');
  const calls = byIpGroups.reduce((n, g) => n + g.calls, 0);
  const offByKey = deactivations(db);
  const off = offByKey.get(key) ?? null;
  const activeKeys = lineage.derived.filter(
    (d) => d.kind === 'access-key' && !offByKey.has(d.accessKeyId),
  );
  const caveats: string[] = [];
  const dataEvents = hasEventName(db, 'GetObject');
  if (!dataEvents)
    caveats.push(
      'No S3 data events (GetObject) are in the case: object reads by this key, if any, are not visible here.',
    );

  if (calls === 0) {
    return {
      accessKeyId: key,
      found: false,
      message: `${key} does not appear in any CloudTrail event in this case. Ingest the trail for the exposure period (or query LookupEvents with --lookup-attribute AccessKeyId=${key}) before concluding it was not used.`,
      principals: [],
      calls: 0,
      firstSeen: null,
      lastSeen: null,
      deactivatedAt: off?.at ?? null,
      deactivatedBy: off?.by ?? null,
      window: window(input.exposedAt, null, off, [], []),
      byIp: [],
      byRegion: [],
      byService: [],
      userAgents: [],
      writes: [],
      errors: [],
      derivedCredentials: [],
      createdPrincipals: [],
      events: [],
      eventsTruncated: false,
      highlights: [],
      caveats,
    };
  }

  const classifier = caseClassifier(db);
  const byIp = byIpGroups
    .map((g) => ({
      ip: g.value ?? '-',
      class: g.value ? classifier.classify(g.value).class : 'unparseable',
      calls: g.calls,
      first: iso(g.firstMs),
      last: iso(g.lastMs),
    }))
    .sort((a, b) => (a.first < b.first ? -1 : 1));
  const firstSeen = byIp.map((g) => g.first).sort()[0]!;
  const lastSeen = byIp
    .map((g) => g.last)
    .sort()
    .at(-1)!;
  const all = runCaseQuery(db, { accessKeyIds: lineage.keys, limit: 1000 });
  // The lineage's write calls, found through the names its keys wrote with (the roll-ups) so
  // that only those names' rows are read, not every call of the keys.
  const writeNames = keyRollup(db, lineage.keys, 'writeName').map((g) => g.value!);
  const writes = writeNames.length
    ? runCaseQuery(db, {
        accessKeyIds: lineage.keys,
        eventNames: writeNames,
        readOnly: false,
        limit: 5000,
      }).rows
    : [];
  const highlights: Highlight[] = [];
  const firstEvent = all.rows.find((e) => e.accessKeyId === key);
  if (firstEvent) {
    const ipClass = byIp.find((g) => g.ip === firstEvent.sourceIp)?.class ?? 'unknown';
    highlights.push({
      at: firstEvent.eventTime,
      text: `${key} first used: ${firstEvent.eventName} from ${firstEvent.sourceIp ?? 'an unknown address'} (${ipClass})`,
      refs: [{ type: 'event', id: firstEvent.eventId }],
    });
  }
  const firstWrite = writes.find((e) => !e.errorCode);
  if (firstWrite)
    highlights.push({
      at: firstWrite.eventTime,
      text: `First successful write by the key's lineage: ${firstWrite.eventName} (${firstWrite.accessKeyId})`,
      refs: [{ type: 'event', id: firstWrite.eventId }],
    });
  for (const d of lineage.derived) {
    if (d.createdBy)
      highlights.push({
        at: d.createdBy.eventTime,
        text: `${d.createdBy.eventName} created ${d.kind} ${d.accessKeyId}${d.expiration ? ` (valid until ${d.expiration})` : ''}`,
        refs: [{ type: 'event', id: d.createdBy.eventId }],
      });
  }
  if (off)
    highlights.push({
      at: off.at,
      text: `${key} ${off.deleted ? 'deleted' : 'deactivated'} by ${off.by.principalArn ?? 'unknown'}`,
      refs: [{ type: 'event', id: off.by.eventId }],
    });
  if (lineage.derived.some((d) => d.kind !== 'access-key') && off) {
    caveats.push(
      'Deactivating the key does not end the sessions it created: attach a deny policy with aws:TokenIssueTime (revoke older sessions) to the issuing user or role.',
    );
  }

  return {
    accessKeyId: key,
    found: true,
    message: null,
    principals,
    calls,
    firstSeen,
    lastSeen,
    deactivatedAt: off?.at ?? null,
    deactivatedBy: off?.by ?? null,
    window: window(input.exposedAt, firstSeen, off, lineage.derived, activeKeys),
    byIp,
    byRegion: keyRollup(db, [key], 'awsRegion').map((g) => ({
      region: g.value ?? '-',
      calls: g.calls,
    })),
    byService: keyRollup(db, [key], 'eventSource').map((g) => ({
      service: g.value ?? '-',
      calls: g.calls,
    })),
    userAgents: keyRollup(db, [key], 'userAgent').map((g) => ({
      userAgent: g.value ?? '-',
      calls: g.calls,
    })),
    writes: writes.map((e) => ({ ...ref(e), errorCode: e.errorCode })),
    errors: keyRollup(db, [key], 'errorCode')
      .filter((g) => g.value !== null)
      .map((g) => ({ errorCode: g.value!, calls: g.calls })),
    derivedCredentials: lineage.derived,
    createdPrincipals: lineage.created,
    events: all.rows.map((e) => ({
      ...ref(e),
      errorCode: e.errorCode,
      readOnly: e.readOnly,
      awsRegion: e.awsRegion,
    })),
    eventsTruncated: all.truncated,
    highlights: highlights.sort((a, b) => (a.at < b.at ? -1 : 1)),
    caveats,
  };
}
