// CloudTrail Lake's asynchronous query API: StartQuery records the exact SQL and asks the test
// for the rows; DescribeQuery/GetQueryResults move the status QUEUED → RUNNING → FINISHED (or
// FAILED) by how often they are called, never by time, and page rows with NextToken.
import { randomBytes, randomUUID } from 'node:crypto';
import { AwsJsonError } from './aws-json-error';
import type { Clock } from './clock';

/** One result row; AWS sends every value as a string, in column order. */
export type LakeRow = Readonly<Record<string, string | number | boolean>>;

export type LakeAnswer =
  | { rows: readonly LakeRow[]; eventsScanned?: number; bytesScanned?: number }
  /** The query is accepted, then ends FAILED with this ErrorMessage. */
  | { failed: string }
  /** StartQuery itself is refused with InvalidQueryStatementException and this message. */
  | { invalidStatement: string };

export interface LakeOptions {
  /** Rows (or a failure) for the SQL a caller sent. Default: no rows. */
  answer?: (sql: string) => LakeAnswer;
  /** Polls (DescribeQuery or GetQueryResults) answered QUEUED then RUNNING before the end. Default 2. */
  pollsBeforeDone?: number;
  /** Rows per GetQueryResults page when the caller sends no MaxQueryResults. Default 1000. */
  pageSize?: number;
}

export type LakeQueryStatus = 'QUEUED' | 'RUNNING' | 'FINISHED' | 'FAILED';

export interface LakeQueryRecord {
  queryId: string;
  /** The QueryStatement exactly as received. */
  sql: string;
  region: string;
  startedAtMs: number;
  /** DescribeQuery + GetQueryResults calls seen so far for this query. */
  polls: number;
  answer: Exclude<LakeAnswer, { invalidStatement: string }>;
}

export class LakeService {
  readonly queries: LakeQueryRecord[] = [];
  private readonly tokens = new Map<
    string,
    { queryId: string; offset: number; pageSize: number }
  >();

  constructor(
    private readonly options: LakeOptions,
    private readonly clock: Clock,
  ) {}

  start(body: Record<string, unknown>, region: string): { QueryId: string } {
    const sql = body.QueryStatement;
    if (typeof sql !== 'string' || sql.trim() === '') {
      throw new AwsJsonError('InvalidParameterException', 'QueryStatement is required.');
    }
    const answer = this.options.answer?.(sql) ?? { rows: [] };
    if ('invalidStatement' in answer) {
      throw new AwsJsonError('InvalidQueryStatementException', answer.invalidStatement);
    }
    const queryId = randomUUID();
    this.queries.push({ queryId, sql, region, startedAtMs: this.clock.now(), polls: 0, answer });
    return { QueryId: queryId };
  }

  describe(body: Record<string, unknown>): Record<string, unknown> {
    const query = this.find(body.QueryId);
    const status = this.poll(query);
    const done = status === 'FINISHED' || status === 'FAILED';
    const rows = 'rows' in query.answer ? query.answer.rows : [];
    const out: Record<string, unknown> = {
      QueryId: query.queryId,
      QueryString: query.sql,
      QueryStatus: status,
      QueryStatistics: {
        EventsMatched: done ? rows.length : 0,
        EventsScanned:
          done && 'rows' in query.answer ? (query.answer.eventsScanned ?? rows.length) : 0,
        BytesScanned: done && 'rows' in query.answer ? (query.answer.bytesScanned ?? 0) : 0,
        ExecutionTimeInMillis: done ? this.clock.now() - query.startedAtMs : 0,
        CreationTime: query.startedAtMs / 1000,
      },
    };
    if ('failed' in query.answer && status === 'FAILED') out.ErrorMessage = query.answer.failed;
    return out;
  }

  results(body: Record<string, unknown>): Record<string, unknown> {
    const max = body.MaxQueryResults;
    if (
      max !== undefined &&
      (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 1000)
    ) {
      throw new AwsJsonError(
        'InvalidMaxResultsException',
        `MaxQueryResults must be an integer from 1 to 1000; got ${JSON.stringify(max)}.`,
      );
    }
    const query = this.find(body.QueryId);
    let offset = 0;
    let pageSize = max ?? this.options.pageSize ?? 1000;
    if (body.NextToken !== undefined) {
      const entry =
        typeof body.NextToken === 'string' ? this.tokens.get(body.NextToken) : undefined;
      if (!entry || entry.queryId !== query.queryId) {
        throw new AwsJsonError(
          'InvalidNextTokenException',
          'NextToken is not valid for this query.',
        );
      }
      offset = entry.offset;
      pageSize = max ?? entry.pageSize;
    }
    const status = this.poll(query);
    if (status === 'FAILED' && 'failed' in query.answer) {
      return { QueryStatus: status, ErrorMessage: query.answer.failed, QueryResultRows: [] };
    }
    const rows = status === 'FINISHED' && 'rows' in query.answer ? query.answer.rows : [];
    const page = rows.slice(offset, offset + pageSize);
    const out: Record<string, unknown> = {
      QueryStatus: status,
      QueryStatistics: {
        ResultsCount: page.length,
        TotalResultsCount: rows.length,
        BytesScanned:
          status === 'FINISHED' && 'rows' in query.answer ? (query.answer.bytesScanned ?? 0) : 0,
      },
      QueryResultRows: page.map(toWireRow),
    };
    if (offset + page.length < rows.length) {
      const token = randomBytes(24).toString('base64');
      this.tokens.set(token, { queryId: query.queryId, offset: offset + page.length, pageSize });
      out.NextToken = token;
    }
    return out;
  }

  private find(queryId: unknown): LakeQueryRecord {
    const query = this.queries.find((q) => q.queryId === queryId);
    if (!query) {
      throw new AwsJsonError(
        'QueryIdNotFoundException',
        `Query ${String(queryId)} does not exist.`,
      );
    }
    return query;
  }

  private poll(query: LakeQueryRecord): LakeQueryStatus {
    const before = this.options.pollsBeforeDone ?? 2;
    const n = query.polls;
    query.polls += 1;
    if (n < before) return n === 0 ? 'QUEUED' : 'RUNNING';
    return 'failed' in query.answer ? 'FAILED' : 'FINISHED';
  }
}

// AWS's QueryResultRows: each row is a list of single-key objects, one per column, values as text.
function toWireRow(row: LakeRow): Array<Record<string, string>> {
  return Object.entries(row).map(([column, value]) => ({ [column]: String(value) }));
}
