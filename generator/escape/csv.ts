/**
 * CSV cells that spreadsheets open: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read
 * as a formula there (OWASP's CSV injection), so it is written with a leading `'`, which the reader takes off again.
 * Quoting (commas, quotes, line breaks) is csv-stringify's.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function unescapeCsvCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
