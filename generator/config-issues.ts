/** A problem with one key of the config, and how the config's errors print them. */
export interface ConfigIssue {
  /** The key's path: `targets[1].style`, `out`. */
  path: string;
  message: string;
  /** What was expected, when the message does not say. */
  expected?: string;
  /** The value given, when there was one. */
  given?: unknown;
}

export function formatIssues(issues: readonly ConfigIssue[]): string {
  return issues
    .map((i) => {
      const given = i.given === undefined ? '' : ` (given: ${shown(i.given)})`;
      const expected = i.expected === undefined ? '' : ` (expected ${i.expected})`;
      return `  ${i.path || '(the config)'}: ${i.message}${expected}${given}`;
    })
    .join('\n');
}

function shown(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}
