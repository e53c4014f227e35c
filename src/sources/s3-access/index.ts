// S3 server access logs: parse one line, split a file into lines with byte ranges.
export { parseS3AccessLine } from './parse-line';
export { parseS3AccessBuffer, splitLines } from './split-lines';
export type { LineSlice, ParsedLine } from './split-lines';
export { accessKeyIdOf, canonicalTlsVersion, decodeKey } from './values';
export type { TlsVersion } from './values';
export { KNOWN_FIELDS, MIN_FIELDS, S3_ACCESS_FIELDS } from './record';
export type { S3AccessFieldName, S3AccessParseResult, S3AccessRecord } from './record';
