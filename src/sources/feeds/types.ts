// A feed yields the delivered files of one source: a folder, an S3 prefix, an API query.
export type SourceKind = 'cloudtrail' | 's3-access' | 'auto';

export interface FeedFile {
  /** Where the file came from: an absolute path or s3://bucket/key or an API page. */
  location: string;
  size: number | null;
  read(): Promise<Buffer>;
  /** Content kind the feed already knows (e.g. LookupEvents pages are CloudTrail). */
  kind?: 'cloudtrail' | 's3-access';
}

export interface Feed {
  /** Stored as sources.kind: e.g. files, s3, lookup-events. */
  sourceKind: string;
  location: string;
  params: Record<string, unknown>;
  /** What this source cannot see, said plainly; stored with the source. */
  limitations: string | null;
  files(): AsyncIterable<FeedFile>;
  /** Total bytes to read, when the feed can tell cheaply (for progress and bulk mode). */
  totalBytes(): Promise<number | null>;
}

export interface TimeRange {
  fromMs?: number;
  toMs?: number;
}
