/**
 * Turning spec names into identifiers. Only the planner calls these: every other stage uses the
 * names the plan hands it.
 */
import pluralize from 'pluralize';

/** ECMAScript reserved words and names that break generated code when used as bindings. */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'async',
  'arguments', 'eval', 'undefined', 'NaN', 'Infinity', 'constructor', 'prototype', '__proto__',
  'any', 'unknown', 'never', 'object', 'string', 'number', 'boolean', 'symbol', 'bigint', 'type',
]);

/** Splits "get-personal-access-tokens", "PersonalAccessToken", "page_size", "HTTPServer" into words. */
export function words(input: string): string[] {
  return input
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

export function pascalCase(input: string): string {
  return words(input).map(cap).join('');
}

export function camelCase(input: string): string {
  const p = pascalCase(input);
  return p.charAt(0).toLowerCase() + p.slice(1);
}

export function snakeCase(input: string): string {
  return words(input).map((w) => w.toLowerCase()).join('_');
}

export function kebabCase(input: string): string {
  return words(input).map((w) => w.toLowerCase()).join('-');
}

export function singular(input: string): string {
  return pluralize.singular(input);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A binding name that is valid and not reserved: "1st" -> "_1st", "delete" -> "delete_", "" -> "_". */
export function safeIdentifier(candidate: string, fallback = '_'): string {
  let name = candidate.length > 0 ? candidate : fallback;
  if (/^[0-9]/.test(name)) name = '_' + name;
  if (!isIdentifier(name)) name = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (RESERVED.has(name)) name = name + '_';
  return name;
}

/** `LINODE_TOKEN` for the prefix `Linode` and the suffix `TOKEN`: the prefix's words, upper case, joined by `_`. */
export function envVarName(prefix: string, suffix: string): string {
  return `${words(prefix).map((w) => w.toUpperCase()).join('_')}_${suffix}`;
}
