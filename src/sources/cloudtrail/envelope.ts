// Splits a decompressed CloudTrail-bearing document into its elements, whatever envelope it
// came in: a trail's {"Records":[…]}, a JSON array, NDJSON, `aws cloudtrail lookup-events`
// output ({"Events":[…]}), a CloudWatch Logs export ({"logEvents":[…]}), one EventBridge event,
// or a digest file (recognised, never parsed as events). A document that is not valid JSON is
// salvaged element by element where possible, so one bad byte never loses a whole file.
import { isAscii } from 'node:buffer';
import { scanArrayElements } from './scan';

export type Envelope =
  | 'records'
  | 'array'
  | 'ndjson'
  | 'lookup-events'
  | 'cloudwatch-logs'
  | 'lake-results'
  | 'single'
  | 'digest';

export interface Element {
  /** Array index (0-based) for array envelopes, line number (1-based) for NDJSON. */
  locator: number;
  value: unknown;
}

export interface DocumentProblem {
  locator: number | null;
  reason: string;
}

export interface ParsedDocument {
  envelope: Envelope;
  locatorKind: 'index' | 'line';
  elements: Element[];
  /** Elements that could not be parsed, and file-level damage (e.g. a truncated end). */
  problems: DocumentProblem[];
  digest?: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fromArray(envelope: Envelope, values: unknown[]): ParsedDocument {
  return {
    envelope,
    locatorKind: 'index',
    elements: values.map((value, locator) => ({ locator, value })),
    problems: [],
  };
}

function fromValue(value: unknown): ParsedDocument | null {
  if (Array.isArray(value)) return fromArray('array', value);
  if (!isRecord(value)) return null;
  if (Array.isArray(value['Records'])) return fromArray('records', value['Records']);
  if (Array.isArray(value['Events'])) return fromArray('lookup-events', value['Events']);
  if (Array.isArray(value['logEvents'])) return fromArray('cloudwatch-logs', value['logEvents']);
  if (Array.isArray(value['QueryResultRows']))
    return fromArray('lake-results', value['QueryResultRows']);
  if (typeof value['digestStartTime'] === 'string' && Array.isArray(value['logFiles'])) {
    return { envelope: 'digest', locatorKind: 'index', elements: [], problems: [], digest: value };
  }
  return {
    envelope: 'single',
    locatorKind: 'index',
    elements: [{ locator: 0, value }],
    problems: [],
  };
}

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `line ${line}, column ${offset - last}`;
}

function jsonErrorWhere(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(message);
  return m
    ? `${message.replace(/ in JSON at position \d+.*$/, '')} at ${lineAndColumn(text, Number(m[1]))}`
    : message;
}

function parseNdjson(text: string): ParsedDocument | null {
  const elements: Element[] = [];
  const problems: DocumentProblem[] = [];
  let lineNo = 0;
  let parsedAny = false;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    const line = text.slice(start, end).trim();
    if (line !== '') {
      try {
        elements.push({ locator: lineNo, value: JSON.parse(line) as unknown });
        parsedAny = true;
      } catch (err) {
        problems.push({
          locator: lineNo,
          reason: `line ${lineNo} is not valid JSON: ${jsonErrorWhere(err, line).replace(/ at line 1,/, ' at')}`,
        });
      }
    }
    start = end + 1;
  }
  // A document whose first lines are not JSON objects is not NDJSON but something broken.
  return parsedAny && elements[0] !== undefined && isRecord(elements[0].value)
    ? { envelope: 'ndjson', locatorKind: 'line', elements, problems }
    : null;
}

/** Recovers the complete elements of a damaged array document (e.g. a truncated file). */
function salvage(buf: Buffer, text: string, err: unknown): ParsedDocument | null {
  const scan = scanArrayElements(buf);
  if (!scan || scan.ranges.length === 0) return null;
  const elements: Element[] = [];
  const problems: DocumentProblem[] = [];
  scan.ranges.forEach(([s, e], locator) => {
    const elementText = buf.toString('utf8', s, e);
    try {
      elements.push({ locator, value: JSON.parse(elementText) as unknown });
    } catch (elementErr) {
      // Name the place in the whole document, where a person opening the file will look.
      const message = elementErr instanceof Error ? elementErr.message : String(elementErr);
      const pos = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
      const where = lineAndColumn(text, buf.toString('utf8', 0, s).length + pos);
      problems.push({
        locator,
        reason: `element ${locator} is not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')} at ${where})`,
      });
    }
  });
  problems.push({
    locator: null,
    reason: `the document is not valid JSON (${jsonErrorWhere(err, text)}); ${elements.length} complete record(s) before the damage were kept${scan.stoppedAt < buf.length ? `, the rest from byte ${scan.stoppedAt} is lost` : ''}`,
  });
  return {
    envelope: scan.container === 'Records' ? 'records' : 'array',
    locatorKind: 'index',
    elements,
    problems,
  };
}

export class NotJsonError extends Error {}

/** Parses a decompressed document. Throws NotJsonError when nothing in it is JSON. */
export function parseDocument(buf: Buffer): ParsedDocument {
  // Logs are nearly always ASCII: then latin1 decoding is the same text, at a fraction of the cost.
  let text = isAscii(buf) ? buf.toString('latin1') : buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') {
    throw new NotJsonError(
      text.trim() === ''
        ? 'the file is empty'
        : `the file does not start with JSON (first character ${JSON.stringify(first)})`,
    );
  }
  try {
    const doc = fromValue(JSON.parse(text) as unknown);
    if (doc) return doc;
  } catch (err) {
    const nd = first === '{' ? parseNdjson(text) : null;
    if (nd) return nd;
    const salvaged = salvage(buf, text, err);
    if (salvaged) return salvaged;
    throw new NotJsonError(`not valid JSON: ${jsonErrorWhere(err, text)}`);
  }
  throw new NotJsonError('the JSON is neither an object nor an array');
}
