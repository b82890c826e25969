/** Shell text inside the docs pages' fenced code blocks. */
import { jsonValue } from './json.js';


/**
 * The `--auth` value of the provider index's example, as a shell string literal: JSON in single
 * quotes for bash (`'` written as `'\''`), the same with single-quoted keys in a PowerShell
 * double-quoted string (`"`, `` ` `` and `$` escaped with a backtick).
 */
export function shellAuth(provider: string, type: string, envVar: string, shell: 'bash' | 'powershell'): string {
  if (shell === 'bash') {
    const json = `{ ${jsonValue(provider)}: { "type": ${jsonValue(type)},  "credentialsenvvar": ${jsonValue(envVar)} }}`;
    return "'" + json.replace(/'/g, "'\\''") + "'";
  }
  const q = (s: string) => "'" + s.replace(/'/g, "''") + "'";
  const text = `{ ${q(provider)}: { 'type': ${q(type)},  'credentialsenvvar': ${q(envVar)} }}`;
  return '"' + text.replace(/[`"$]/g, (c) => '`' + c) + '"';
}
