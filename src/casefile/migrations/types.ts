export interface Migration {
  /** The PRAGMA user_version the file has after this migration. */
  version: number;
  name: string;
  sql: string;
}
