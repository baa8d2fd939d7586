/**
 * RFC 4180 CSV: fields with a comma, a double quote, CR or LF are enclosed in double quotes with
 * inner quotes doubled; records end with CRLF; the first record is the header.
 */
export type CsvCell = string | number | null;

/** Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell, options: { text: boolean }): string {
  if (value === null) return "";
  let text = String(value);
  // Only free-text columns are neutralised: a negative amount must stay a number.
  if (options.text && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Renders rows under a header; numbers are written as integers, never in exponent or locale form. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map((name) => csvField(name, { text: true })).join(",")];
  for (const row of rows) {
    lines.push(row.map((cell) => csvField(cell, { text: typeof cell === "string" })).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
