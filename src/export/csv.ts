// CSV export: one row per timeline entry, the EXPORT_COLUMNS in order, RFC 4180 quoting, CRLF,
// UTF-8 with a byte-order mark (so spreadsheet programs read it as UTF-8). Log fields are
// attacker-controlled (a user agent can be "=HYPERLINK(…)"), so a cell that a spreadsheet would
// run as a formula is written with a leading apostrophe; parseCsv undoes exactly that.
import { EXPORT_COLUMNS, type ExportRow } from '../shared/export';
import type { ExportModel } from './model';

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r']/;

function cell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of string cells under a header, as a spreadsheet-safe CSV file. */
export function csvTable<C extends string>(
  columns: readonly C[],
  rows: readonly Record<C, string>[],
): Buffer {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

export function renderCsv(model: ExportModel): Buffer {
  return csvTable(EXPORT_COLUMNS, model.rows);
}

function splitRecords(text: string): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(field);
      records.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    records.push(row);
  }
  return records;
}

/** Reads an exported CSV back into rows (for verify-export); throws on a foreign header. */
export function parseCsv(bytes: Buffer): ExportRow[] {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const [header, ...body] = splitRecords(text);
  if (!header || header.join(',') !== EXPORT_COLUMNS.join(','))
    throw new Error('the header row is not the Cairn export columns');
  return body.map((values) => {
    const row = {} as ExportRow;
    EXPORT_COLUMNS.forEach((c, i) => {
      const v = values[i] ?? '';
      row[c] = v.length > 1 && v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
    });
    return row;
  });
}
