/**
 * SQL, as the docs pages' StackQL examples hold it (inside fenced code blocks: literal text, so only SQL's
 * own rules apply): string literals, identifiers, dotted names and StackQL's `{{ name }}` placeholders.
 */
import { jsonValue } from './json.js';

/** A SQL string literal: single quotes, a quote doubled. */
export function sqlString(value: string): string {
  return "'" + String(value).replace(/'/g, "''") + "'";
}

/** A SQL identifier: bare when it is a plain word, else double-quoted with quotes doubled. */
export function sqlIdent(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it takes out
  const clean = String(name).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(clean) ? clean : '"' + clean.replace(/"/g, '""') + '"';
}

/** A dotted name (`linode.profile.personal_access_tokens`), each part an identifier. */
export function sqlName(parts: readonly string[] | string): string {
  return (typeof parts === 'string' ? parts.split('.') : parts).map(sqlIdent).join('.');
}

/** The StackQL template variable for a value: `{{ name }}`, the name reduced to a plain word. */
function placeholderName(name: string): string {
  const clean = String(name).replace(/[^A-Za-z0-9_.-]/g, '_');
  return `{{ ${clean.length > 0 ? clean : '_'} }}`;
}

/** The placeholder as a SQL value: numbers and booleans bare, everything else a string literal. */
export function sqlPlaceholder(name: string, quoted: boolean): string {
  const p = placeholderName(name);
  return quoted ? sqlString(p) : p;
}

/** A JSON fragment inside a SQL string literal (`@@json='{ "key": ... }'`). */
export function sqlJson(value: unknown): string {
  return jsonValue(value).replace(/'/g, "''");
}

/** The placeholder as a JSON value inside a SQL string literal: strings quoted, the rest bare. */
export function sqlJsonPlaceholder(name: string, quoted: boolean): string {
  const p = placeholderName(name);
  return quoted ? sqlJson(p) : p;
}
