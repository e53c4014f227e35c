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

function parseTime(v: unknown): number | null {
  if (typeof v !== 'string' || !ISO_TIME.test(v)) return null;
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
