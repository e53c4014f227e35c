export interface Migration {
  /** The PRAGMA user_version the file has after this migration. */
  version: number;
  name: string;
  sql: string;
  /**
   * The migration rebuilds a large table: the file is compacted (VACUUM) after it, or it would
   * keep the old table's pages as free space (a 10 M-event case grew from 2.7 to 3.4 GB).
   */
  compactAfter?: boolean;
}
