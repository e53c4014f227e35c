// How a raw CloudTrail record looks through LookupEvents: which records the API can see at all
// (management events; Insights only on request) and the top-level fields it derives from them.
// The derivations approximate AWS and say so; a test that needs AWS's exact Resources or
// Username for an event can override them through the endpoint options.

/** A CloudTrail record exactly as delivered (parsed JSON); only the fields used here are typed. */
export type CloudTrailRecord = Record<string, unknown>;

export interface LookupResource {
  ResourceType?: string;
  ResourceName?: string;
}

/** One element of LookupEvents' `Events`, as sent on the wire (EventTime in epoch seconds). */
export interface WireLookupEvent {
  EventId?: string;
  EventName?: string;
  ReadOnly?: string;
  AccessKeyId?: string;
  EventTime: number;
  EventSource?: string;
  Username?: string;
  Resources: LookupResource[];
  CloudTrailEvent: string;
}

// Object-level S3 calls are data events. Records older than eventVersion 1.07 carry no
// eventCategory, so their name is all there is to go on.
const S3_DATA_EVENT_NAMES = new Set([
  'AbortMultipartUpload',
  'CompleteMultipartUpload',
  'CopyObject',
  'CreateMultipartUpload',
  'DeleteObject',
  'DeleteObjectTagging',
  'DeleteObjects',
  'GetObject',
  'GetObjectAcl',
  'GetObjectAttributes',
  'GetObjectLegalHold',
  'GetObjectRetention',
  'GetObjectTagging',
  'GetObjectTorrent',
  'HeadObject',
  'ListObjectVersions',
  'ListObjects',
  'ListObjectsV2',
  'ListParts',
  'PutObject',
  'PutObjectAcl',
  'PutObjectLegalHold',
  'PutObjectRetention',
  'PutObjectTagging',
  'RestoreObject',
  'SelectObjectContent',
  'UploadPart',
  'UploadPartCopy',
]);

export type Visibility = 'management' | 'insight' | 'never';

/** What LookupEvents can return this record as. */
export function visibilityOf(record: CloudTrailRecord): Visibility {
  const category = str(record.eventCategory);
  if (category === 'Insight' || record.eventType === 'AwsCloudTrailInsight') return 'insight';
  if (category === 'Data' || category === 'NetworkActivity') return 'never';
  if (record.managementEvent === false) return 'never';
  if (category === undefined && isS3DataEventName(record)) return 'never';
  return 'management';
}

function isS3DataEventName(record: CloudTrailRecord): boolean {
  const source = str(record.eventSource);
  const name = str(record.eventName);
  return (
    (source === undefined || source === 's3.amazonaws.com') && S3_DATA_EVENT_NAMES.has(name ?? '')
  );
}

/** eventTime in epoch milliseconds, or undefined when missing or unparseable. */
export function eventTimeMs(record: CloudTrailRecord): number | undefined {
  const text = str(record.eventTime);
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

function identity(record: CloudTrailRecord): Record<string, unknown> {
  const id = record.userIdentity;
  return id !== null && typeof id === 'object' ? (id as Record<string, unknown>) : {};
}

/**
 * LookupEvents' Username: the IAM user name; for sessions (assumed roles, federated users) the
 * last part of the ARN, i.e. the session name, as in AWS's documented example; `root` for the
 * root user without an alias; absent for AWS service events.
 */
export function defaultUsernameOf(record: CloudTrailRecord): string | undefined {
  const id = identity(record);
  const userName = str(id.userName);
  if (userName !== undefined) return userName;
  if (id.type === 'Root') return 'root';
  const arn = str(id.arn);
  if (arn !== undefined && arn.includes('/')) return arn.slice(arn.lastIndexOf('/') + 1);
  return undefined;
}

/**
 * LookupEvents' Resources. AWS derives these per event type; here they come from the record's own
 * `resources` (type and ARN), which is close enough to exercise ResourceType/ResourceName lookups.
 */
export function defaultResourcesOf(record: CloudTrailRecord): LookupResource[] {
  const list = Array.isArray(record.resources) ? (record.resources as unknown[]) : [];
  return list.flatMap((item) => {
    if (item === null || typeof item !== 'object') return [];
    const r = item as Record<string, unknown>;
    const out: LookupResource = {};
    const type = str(r.type);
    const name = str(r.ARN) ?? str(r.ARNPrefix);
    if (type !== undefined) out.ResourceType = type;
    if (name !== undefined) out.ResourceName = name;
    return [out];
  });
}

export function accessKeyIdOf(record: CloudTrailRecord): string | undefined {
  return str(identity(record).accessKeyId);
}

export function toWireEvent(
  record: CloudTrailRecord,
  timeMs: number,
  usernameOf: (r: CloudTrailRecord) => string | undefined,
  resourcesOf: (r: CloudTrailRecord) => LookupResource[],
): WireLookupEvent {
  const event: WireLookupEvent = {
    EventTime: timeMs / 1000,
    Resources: resourcesOf(record),
    CloudTrailEvent: JSON.stringify(record),
  };
  const put = <K extends keyof WireLookupEvent>(key: K, value: WireLookupEvent[K] | undefined) => {
    if (value !== undefined) event[key] = value;
  };
  // Insights records name the API they are about inside insightDetails.
  const insight = (record.insightDetails ?? {}) as Record<string, unknown>;
  put('EventId', str(record.eventID));
  put('EventName', str(record.eventName) ?? str(insight.eventName));
  if (typeof record.readOnly === 'boolean') event.ReadOnly = String(record.readOnly);
  else put('ReadOnly', str(record.readOnly));
  put('AccessKeyId', accessKeyIdOf(record));
  put('EventSource', str(record.eventSource) ?? str(insight.eventSource));
  put('Username', usernameOf(record));
  return event;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
