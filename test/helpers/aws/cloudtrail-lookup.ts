// LookupEvents as AWS answers it: validation with AWS's error types, one attribute, time range,
// management events of the caller's region only, 90-day window, newest first, opaque NextTokens
// that only work with the parameters they were issued for.
import { randomBytes } from 'node:crypto';
import { AwsJsonError } from './aws-json-error';
import type { Clock } from './clock';
import {
  accessKeyIdOf,
  defaultResourcesOf,
  defaultUsernameOf,
  eventTimeMs,
  toWireEvent,
  visibilityOf,
  type CloudTrailRecord,
  type LookupResource,
  type Visibility,
  type WireLookupEvent,
} from './cloudtrail-records';

export const LOOKUP_ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;
export type LookupAttributeKey = (typeof LOOKUP_ATTRIBUTE_KEYS)[number];
const INSIGHT_KEYS: readonly LookupAttributeKey[] = ['EventId', 'EventName', 'EventSource'];

export interface LookupOptions {
  /** Only records whose awsRegion is the caller's region are visible (AWS: one Region per call). */
  regionScoped: boolean;
  /** Records older than this many days before the clock are invisible; null turns it off. */
  retentionDays: number | null;
  clock: Clock;
  usernameOf?: (record: CloudTrailRecord) => string | undefined;
  resourcesOf?: (record: CloudTrailRecord) => LookupResource[];
}

interface Indexed {
  record: CloudTrailRecord;
  timeMs: number;
  visibility: Visibility;
  wire: WireLookupEvent;
}

interface Query {
  attribute: { key: LookupAttributeKey; value: string } | undefined;
  startMs: number | undefined;
  endMs: number | undefined;
  insight: boolean;
  maxResults: number;
}

export class LookupEventsService {
  private indexed: Indexed[] = [];
  private readonly tokens = new Map<string, { key: string; offset: number }>();

  constructor(
    records: readonly CloudTrailRecord[],
    private readonly options: LookupOptions,
  ) {
    this.setRecords(records);
  }

  setRecords(records: readonly CloudTrailRecord[]): void {
    const usernameOf = this.options.usernameOf ?? defaultUsernameOf;
    const resourcesOf = this.options.resourcesOf ?? defaultResourcesOf;
    const indexed = records.map((record, index) => {
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        throw new Error(`CloudTrail endpoint: record ${index} is not an object`);
      }
      const visibility = visibilityOf(record);
      const timeMs = eventTimeMs(record);
      if (timeMs === undefined && visibility !== 'never') {
        throw new Error(`CloudTrail endpoint: record ${index} has no parseable eventTime`);
      }
      const t = timeMs ?? 0;
      return {
        record,
        timeMs: t,
        visibility,
        wire: toWireEvent(record, t, usernameOf, resourcesOf),
        index,
      };
    });
    // Newest first; for equal times the later record in the input counts as newer.
    indexed.sort((a, b) => b.timeMs - a.timeMs || b.index - a.index);
    this.indexed = indexed;
    this.tokens.clear();
  }

  lookup(
    body: Record<string, unknown>,
    region: string,
  ): { Events: WireLookupEvent[]; NextToken?: string } {
    const query = parseQuery(body);
    const key = JSON.stringify({ region, ...query });
    let offset = 0;
    if (body.NextToken !== undefined) {
      const entry =
        typeof body.NextToken === 'string' ? this.tokens.get(body.NextToken) : undefined;
      if (!entry || entry.key !== key) {
        throw new AwsJsonError(
          'InvalidNextTokenException',
          'Invalid NextToken: it is unknown or was issued for different lookup parameters.',
        );
      }
      offset = entry.offset;
    }
    const matches = this.indexed.filter((e) => this.visible(e, query, region));
    const page = matches.slice(offset, offset + query.maxResults);
    const next = offset + page.length;
    const result: { Events: WireLookupEvent[]; NextToken?: string } = {
      Events: page.map((e) => e.wire),
    };
    if (next < matches.length) {
      const token = randomBytes(24).toString('base64');
      this.tokens.set(token, { key, offset: next });
      result.NextToken = token;
    }
    return result;
  }

  private visible(e: Indexed, q: Query, region: string): boolean {
    if (e.visibility !== (q.insight ? 'insight' : 'management')) return false;
    if (this.options.regionScoped && e.record.awsRegion !== region) return false;
    const { retentionDays, clock } = this.options;
    if (retentionDays !== null && e.timeMs < clock.now() - retentionDays * 86_400_000) return false;
    if (q.startMs !== undefined && e.timeMs < q.startMs) return false;
    if (q.endMs !== undefined && e.timeMs > q.endMs) return false;
    return q.attribute === undefined || matchesAttribute(e, q.attribute.key, q.attribute.value);
  }
}

function matchesAttribute(e: Indexed, key: LookupAttributeKey, value: string): boolean {
  switch (key) {
    case 'EventId':
      return e.wire.EventId === value;
    case 'EventName':
      return e.wire.EventName === value;
    case 'ReadOnly':
      return e.wire.ReadOnly === value;
    case 'Username':
      return e.wire.Username === value;
    case 'ResourceType':
      return e.wire.Resources.some((r) => r.ResourceType === value);
    case 'ResourceName':
      return e.wire.Resources.some((r) => r.ResourceName === value);
    case 'EventSource':
      return e.wire.EventSource === value;
    case 'AccessKeyId':
      return accessKeyIdOf(e.record) === value;
  }
}

function parseQuery(body: Record<string, unknown>): Query {
  const insight = parseCategory(body.EventCategory);
  const attribute = parseAttributes(body.LookupAttributes, insight);
  const startMs = parseTime(body.StartTime, 'StartTime');
  const endMs = parseTime(body.EndTime, 'EndTime');
  if (startMs !== undefined && endMs !== undefined && startMs > endMs) {
    throw new AwsJsonError('InvalidTimeRangeException', 'StartTime must not be after EndTime.');
  }
  const max = body.MaxResults;
  if (
    max !== undefined &&
    (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 50)
  ) {
    throw new AwsJsonError(
      'InvalidMaxResultsException',
      `MaxResults must be an integer from 1 to 50; got ${JSON.stringify(max)}.`,
    );
  }
  return { attribute, startMs, endMs, insight, maxResults: max ?? 50 };
}

function parseCategory(value: unknown): boolean {
  if (value === undefined) return false;
  if (value === 'insight') return true;
  throw new AwsJsonError(
    'InvalidEventCategoryException',
    `EventCategory must be 'insight'; got ${JSON.stringify(value)}.`,
  );
}

function parseAttributes(value: unknown, insight: boolean): Query['attribute'] {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new AwsJsonError('SerializationException', 'LookupAttributes must be a list.');
  }
  if (value.length === 0) return undefined;
  if (value.length > 1) {
    throw new AwsJsonError(
      'InvalidLookupAttributesException',
      `Only one lookup attribute is allowed per call; got ${value.length}.`,
    );
  }
  const first = value[0] as { AttributeKey?: unknown; AttributeValue?: unknown } | null;
  const key = first?.AttributeKey;
  const attrValue = first?.AttributeValue;
  const allowed = insight ? INSIGHT_KEYS : LOOKUP_ATTRIBUTE_KEYS;
  if (typeof key !== 'string' || !(allowed as readonly string[]).includes(key)) {
    throw new AwsJsonError(
      'InvalidLookupAttributesException',
      `AttributeKey ${JSON.stringify(key)} is not one of ${allowed.join(', ')}.`,
    );
  }
  if (typeof attrValue !== 'string' || attrValue.length < 1 || attrValue.length > 2000) {
    throw new AwsJsonError(
      'InvalidLookupAttributesException',
      'AttributeValue must be a string of 1 to 2000 characters.',
    );
  }
  return { key: key as LookupAttributeKey, value: attrValue };
}

function parseTime(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  // awsJson1_1 sends timestamps as epoch seconds (a JSON number, possibly fractional).
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AwsJsonError(
      'SerializationException',
      `${field} must be a timestamp in epoch seconds; got ${JSON.stringify(value)}.`,
    );
  }
  return value * 1000;
}
