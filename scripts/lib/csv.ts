/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, commas and newlines inside quotes,
 * CRLF), enough for the corpora's metadata.csv files and for users' own labels.
 */

export class CsvError extends Error {
  constructor(fileName: string, problem: string) {
    super(`${fileName}: ${problem}`);
    this.name = 'CsvError';
  }
}

/** Splits CSV text into rows of raw fields. */
export function parseCsvRows(text: string, fileName = 'CSV'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (inQuotes) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') {
      if (field !== '') throw new CsvError(fileName, `line ${line}: a quote in the middle of an unquoted field`);
      inQuotes = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else {
      field += ch;
    }
  }
  if (inQuotes) throw new CsvError(fileName, 'a quoted field is never closed');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * Parses CSV with a header row into records keyed by column name (names trimmed).
 * @param requiredColumns columns that must exist; the error lists what was found instead
 */
export function parseCsvRecords(text: string, fileName = 'CSV', requiredColumns: readonly string[] = []): Array<Record<string, string>> {
  const rows = parseCsvRows(text, fileName);
  const header = rows[0];
  if (header === undefined) throw new CsvError(fileName, 'empty file (no header row)');
  const names = header.map((h) => h.trim());
  const missing = requiredColumns.filter((c) => !names.includes(c));
  if (missing.length > 0) throw new CsvError(fileName, `missing column(s) ${missing.join(', ')}; found ${names.join(', ')}`);
  return rows.slice(1).map((cells, r) => {
    if (cells.length !== names.length) {
      throw new CsvError(fileName, `row ${r + 2} has ${cells.length} fields but the header has ${names.length}`);
    }
    const record: Record<string, string> = {};
    names.forEach((name, c) => {
      record[name] = cells[c] ?? '';
    });
    return record;
  });
}
