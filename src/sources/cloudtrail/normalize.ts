// Turns one element of a CloudTrail-bearing document into the columns Cairn indexes, or into a
// rejection with a reason. Values are kept as given (odd IPs, odd regions, IAM-style dates stay
// verbatim in the raw record); only what queries need is normalised, and each normalisation is
// reported so nothing changes silently.

export interface NormalizedEvent {
  eventId: string;
  timeMs: number;
  eventName: string;
  eventSource: string | null;
  awsRegion: string | null;
  eventType: string | null;
  eventCategory: string | null;
  recipientAccount: string | null;
  principalArn: string | null;
  principalType: string | null;
  principalAccount: string | null;
  userName: string | null;
  accessKeyId: string | null;
  sessionIssuerArn: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  readOnly: boolean | null;
  managementEvent: boolean | null;
  errorCode: string | null;
  bucket: string | null;
  objectKey: string | null;
}

export type Normalized =
  | { ok: true; event: NormalizedEvent; notes: string[] }
  | { ok: false; reason: string; notCloudTrail?: boolean };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** CloudTrail sends some booleans as strings ("true"); older records omit them. */
function bool(v: unknown): boolean | null {
  if (v === true || v === 'true' || v === 'True' || v === 'TRUE') return true;
  if (v === false || v === 'false' || v === 'False' || v === 'FALSE') return false;
  return null;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
// SIEM exports (e.g. Panther) write "2025-01-21 17:49:47.000000000": CloudTrail times are UTC.
const ZONELESS_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,3})?\d*$/;

/** Two ASCII digits at i as a number, or -1. */
function two(v: string, i: number): number {
  const a = v.charCodeAt(i) - 48;
  const b = v.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * CloudTrail's own form, "2026-03-20T01:02:03Z", without a regex or Date.parse: the ingest reads
 * one per record. Null for anything else (and for days past the 28th, which need the calendar),
 * which then takes the general path below with the same result.
 */
function parsePlainUtc(v: string): number | null {
  if (v.length !== 20 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return null;
  if (v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return null;
  if (v.charCodeAt(19) !== 90) return null;
  const hi = two(v, 0);
  const lo = two(v, 2);
  const month = two(v, 5);
  const day = two(v, 8);
  const hour = two(v, 11);
  const minute = two(v, 14);
  const second = two(v, 17);
  // Date.UTC reads years 0–99 as 1900–1999; such times take the general path.
  if (hi < 1 || lo < 0 || month < 1 || month > 12 || day < 1 || day > 28) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  return Date.UTC(hi * 100 + lo, month - 1, day, hour, minute, second);
}

function parseTime(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const plain = parsePlainUtc(v);
  if (plain !== null) return plain;
  if (!ISO_TIME.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

function parseZonelessUtc(v: unknown): number | null {
  const m = typeof v === 'string' ? ZONELESS_TIME.exec(v) : null;
  if (!m) return null;
  const ms = Date.parse(`${m[1]}T${m[2]}${m[3] ?? ''}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** Unwraps the envelopes a CloudTrail record arrives in; returns the record object or a reason. */
/**
 * A CloudTrail Lake result row: a list of one-key objects whose keys may be dotted paths
 * ("userIdentity.arn"), rebuilt into a nested record.
 */
function lakeRow(value: unknown[]): Obj | null {
  const out: Obj = {};
  for (const cell of value) {
    if (!isObj(cell)) return null;
    const entries = Object.entries(cell);
    if (entries.length !== 1) return null;
    const [path, v] = entries[0]!;
    if (v === null || v === '') continue;
    const parts = path.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) {
      if (!isObj(node[p])) node[p] = {};
      node = node[p] as Obj;
    }
    node[parts[parts.length - 1]!] = v;
  }
  return out;
}

export function unwrapRecord(
  value: unknown,
): { record: Obj } | { reason: string; notCloudTrail?: boolean } {
  if (Array.isArray(value)) {
    const row = lakeRow(value);
    if (!row) return { reason: 'the element is not a JSON object', notCloudTrail: true };
    value = row;
  }
  if (!isObj(value)) return { reason: 'the element is not a JSON object', notCloudTrail: true };
  let record: unknown = value;
  if (typeof value['CloudTrailEvent'] === 'string') {
    // `aws cloudtrail lookup-events` and the LookupEvents API carry the record as a JSON string.
    try {
      record = JSON.parse(value['CloudTrailEvent']) as unknown;
    } catch {
      return { reason: 'CloudTrailEvent is not valid JSON' };
    }
  } else if (
    isObj(value['detail']) &&
    (typeof value['detail-type'] === 'string' || typeof value['source'] === 'string')
  ) {
    record = value['detail']; // EventBridge
  } else if (typeof value['message'] === 'string' && 'timestamp' in value) {
    try {
      record = JSON.parse(value['message']) as unknown; // CloudWatch Logs export
    } catch {
      return { reason: 'the CloudWatch Logs message is not valid JSON', notCloudTrail: true };
    }
  }
  if (
    !isObj(record) ||
    typeof record['eventName'] !== 'string' ||
    (typeof record['eventSource'] !== 'string' && typeof record['eventVersion'] !== 'string')
  ) {
    return {
      reason: 'not a CloudTrail record (no eventName and eventSource)',
      notCloudTrail: true,
    };
  }
  return { record };
}

function principal(identity: Obj): { arn: string | null; type: string | null } {
  const type = str(identity['type']);
  const arn = str(identity['arn']);
  if (arn) return { arn, type };
  // Service calls carry the service in invokedBy and often no type at all (older records).
  const invokedBy = str(identity['invokedBy']);
  if (invokedBy) return { arn: invokedBy, type: type ?? 'AWSService' };
  if (type === 'AWSAccount' || type === 'Unknown') {
    const account = str(identity['accountId']) ?? str(identity['principalId']);
    return { arn: account ? `account:${account}` : null, type };
  }
  return { arn: null, type };
}

export function normalizeRecord(value: unknown): Normalized {
  const unwrapped = unwrapRecord(value);
  if ('reason' in unwrapped)
    return {
      ok: false,
      reason: unwrapped.reason,
      ...(unwrapped.notCloudTrail ? { notCloudTrail: true } : {}),
    };
  const r = unwrapped.record;
  const notes: string[] = [];

  const eventId = str(r['eventID']);
  if (!eventId) return { ok: false, reason: 'no eventID' };
  if (!/[0-9A-Za-z]/.test(eventId))
    return { ok: false, reason: `eventID "${eventId}" is a placeholder (redacted record)` };

  let timeMs = parseTime(r['eventTime']);
  if (timeMs === null) {
    timeMs = parseZonelessUtc(r['eventTime']);
    if (timeMs !== null)
      notes.push('eventTime without a zone read as UTC (CloudTrail times are UTC)');
  }
  if (timeMs === null) {
    if (r['eventTime'] !== undefined)
      return {
        ok: false,
        reason: `eventTime ${JSON.stringify(r['eventTime'])} is not an ISO-8601 time`,
      };
    timeMs = parseTime(r['@timestamp']);
    if (timeMs === null) return { ok: false, reason: 'no eventTime (and no usable @timestamp)' };
    notes.push('eventTime taken from @timestamp');
  }

  const identity = isObj(r['userIdentity']) ? r['userIdentity'] : {};
  const session = isObj(identity['sessionContext']) ? identity['sessionContext'] : {};
  const issuer = isObj(session['sessionIssuer']) ? session['sessionIssuer'] : {};
  const request = isObj(r['requestParameters']) ? r['requestParameters'] : {};
  const who = principal(identity);

  return {
    ok: true,
    notes,
    event: {
      eventId,
      timeMs,
      eventName: r['eventName'] as string,
      eventSource: str(r['eventSource']),
      awsRegion: str(r['awsRegion']),
      eventType: str(r['eventType']),
      eventCategory: str(r['eventCategory']),
      recipientAccount: str(r['recipientAccountId']),
      principalArn: who.arn,
      principalType: who.type,
      principalAccount: str(identity['accountId']),
      userName: str(identity['userName']) ?? str(issuer['userName']),
      accessKeyId: str(identity['accessKeyId']),
      sessionIssuerArn: str(issuer['arn']),
      sourceIp: str(r['sourceIPAddress']),
      userAgent: str(r['userAgent']),
      readOnly: bool(r['readOnly']),
      managementEvent: bool(r['managementEvent']),
      errorCode: str(r['errorCode']),
      bucket: str(request['bucketName']),
      objectKey: str(request['key']),
    },
  };
}
