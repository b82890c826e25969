/**
 * User-facing failures. A SpecloomError is a problem with the input, the config or the templates:
 * the CLI prints its message (no stack trace) and exits 2. Anything else is a bug in specloom.
 */
export interface SourceLocation {
  /** Path of the file the problem is in, as the user named it. */
  file: string;
  /** JSON pointer into the document (RFC 6901), when the problem is in a spec. */
  pointer?: string;
  /** 1-based line and column, when known. */
  line?: number;
  column?: number;
}

export class SpecloomError extends Error {
  override readonly name = 'SpecloomError';
  constructor(
    message: string,
    readonly location?: SourceLocation,
    /** What the user can do about it. */
    readonly hint?: string,
  ) {
    super(message);
  }

  /** "file:line:col (#/pointer): message\n  hint" */
  format(): string {
    const where = this.location ? formatLocation(this.location) + ': ' : '';
    return where + this.message + (this.hint ? `\n  ${this.hint}` : '');
  }
}

export function formatLocation(loc: SourceLocation): string {
  let out = loc.file;
  if (loc.line !== undefined) out += `:${loc.line}` + (loc.column !== undefined ? `:${loc.column}` : '');
  if (loc.pointer !== undefined) out += ` (${loc.pointer || '#'})`;
  return out;
}

/** A non-fatal finding: generation goes on, the CLI prints it. */
export interface Warning {
  message: string;
  pointer?: string;
}
