/**
 * Every emitted TypeScript file is parsed and printed by ts-morph's TypeScript: a template that yields
 * invalid TypeScript fails generation here, naming the template, instead of failing the user's build.
 *
 * Each file is parsed once, and that tree is formatted by the compiler's own formatter (what a language
 * service's "format document" runs, and what ts-morph's `formatText` ran after parsing the file twice more),
 * with the settings ts-morph filled in. Static runtime files are checked, not formatted: they are kept as
 * written.
 */
import type TypeScript from 'typescript';
import { SpecloomError } from '../errors.js';
import { typescript as ts } from './compiler.js';

export interface TsFile {
  /** Output path. */
  path: string;
  text: string;
  /** What produced it, for messages ("template client/src/index.ts.hbs"). */
  origin: string;
  /**
   * Made by specloom's own templates, whose output is already in the formatter's shape (a test formats
   * every such file of every fixture and the full Linode spec and finds nothing to change): parsed and
   * checked, not formatted.
   */
  shaped?: boolean;
}

/** Format settings: ours, completed with the defaults ts-morph filled in when it did the formatting. */
const FORMAT: TypeScript.FormatCodeSettings = {
  convertTabsToSpaces: true,
  newLineCharacter: '\n',
  indentStyle: ts.IndentStyle.Smart,
  indentSize: 2,
  tabSize: 2,
  insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
  semicolons: ts.SemicolonPreference.Insert,
  insertSpaceAfterCommaDelimiter: true,
  insertSpaceAfterConstructor: false,
  insertSpaceAfterSemicolonInForStatements: true,
  insertSpaceAfterKeywordsInControlFlowStatements: true,
  insertSpaceAfterOpeningAndBeforeClosingNonemptyBrackets: false,
  insertSpaceAfterOpeningAndBeforeClosingTemplateStringBraces: false,
  insertSpaceAfterOpeningAndBeforeClosingJsxExpressionBraces: false,
  insertSpaceBeforeFunctionParenthesis: false,
  insertSpaceBeforeAndAfterBinaryOperators: true,
  placeOpenBraceOnNewLineForFunctions: false,
  placeOpenBraceOnNewLineForControlBlocks: false,
};

interface Formatting {
  getFormatContext(options: TypeScript.FormatCodeSettings, host: unknown): unknown;
  formatDocument(source: TypeScript.SourceFile, context: unknown): readonly TypeScript.TextChange[];
}

/**
 * The formatter behind LanguageService.getFormattingEditsForDocument, called on the tree already
 * parsed for the check (the language service would parse the file again). It is not in the public
 * typings; if a TypeScript version drops it, a one-file language service does the same work.
 */
const formatting = (ts as unknown as { formatting?: Partial<Formatting> }).formatting;
const formatEdits: (source: TypeScript.SourceFile) => readonly TypeScript.TextChange[] =
  typeof formatting?.formatDocument === 'function' && typeof formatting.getFormatContext === 'function'
    ? (() => {
        const { formatDocument, getFormatContext } = formatting as Formatting;
        const context = getFormatContext(FORMAT, {});
        return (source: TypeScript.SourceFile) => formatDocument(source, context);
      })()
    : languageServiceFormatter();

function languageServiceFormatter(): (source: TypeScript.SourceFile) => readonly TypeScript.TextChange[] {
  let current: TypeScript.SourceFile | undefined;
  let version = 0;
  const service = ts.createLanguageService({
    getCompilationSettings: () => ({ target: ts.ScriptTarget.ES2022, noLib: true }),
    getScriptFileNames: () => (current ? [current.fileName] : []),
    getScriptVersion: () => String(version),
    getScriptSnapshot: (name) => (current && name === current.fileName ? ts.ScriptSnapshot.fromString(current.text) : undefined),
    getCurrentDirectory: () => '/',
    getDefaultLibFileName: () => '/lib.d.ts',
    readFile: () => undefined,
    fileExists: (name) => current !== undefined && name === current.fileName,
  });
  return (source) => {
    current = source;
    version++;
    return service.getFormattingEditsForDocument(source.fileName, FORMAT);
  };
}

/**
 * Parses one file (ES2022, parent pointers set). JSDoc is not parsed into nodes: neither the syntax
 * check (JSDoc problems are not syntax errors) nor the formatter uses them, and parsing them is a
 * third of the parse.
 */
function parse(file: TsFile): TypeScript.SourceFile {
  return ts.createSourceFile(`/${file.path}`, file.text, { languageVersion: ts.ScriptTarget.ES2022, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, ts.ScriptKind.TS);
}

/** Throws the first syntax error of a file, as the program's syntactic diagnostics order them. */
function throwOnSyntaxError(file: TsFile, source: TypeScript.SourceFile): void {
  const parseDiagnostics = (source as TypeScript.SourceFile & { parseDiagnostics?: TypeScript.Diagnostic[] }).parseDiagnostics;
  if (parseDiagnostics === undefined) throw new Error('typescript: SourceFile.parseDiagnostics is missing');
  const first = ts.sortAndDeduplicateDiagnostics(parseDiagnostics)[0];
  if (!first) return;
  const where = first.start !== undefined ? lineAndColumn(file.text, first.start) : undefined;
  const message = ts.flattenDiagnosticMessageText(first.messageText, '\n');
  throw new SpecloomError(
    `${file.origin} produced invalid TypeScript in ${file.path}${where !== undefined ? ` at line ${where.line}:${where.column}` : ''}: ${message}`,
    { file: file.origin },
    'Fix the template (or your override of it); nothing was written.',
  );
}

/** 1-based line (counting \n) and column (from the last \n or \r), as ts-morph reported them. */
function lineAndColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  let start = pos;
  while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  return { line, column: pos - start + 1 };
}

/**
 * The last result for each output path, by its text: in a warm process (--watch) a file whose text did not
 * change since the last run is neither parsed nor formatted again.
 */
const lastResults = new Map<string, { text: string; mode: 'formatted' | 'cleaned' | 'checked'; result: string }>();

/** Parses all files, fails on the first syntax error, returns them formatted (a `shaped` file only cleaned up). */
export function checkAndPrint(files: TsFile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of files) {
    const mode = file.shaped === true ? 'cleaned' : 'formatted';
    const last = lastResults.get(file.path);
    if (last !== undefined && last.text === file.text && last.mode === mode) {
      out.set(file.path, last.result);
      continue;
    }
    const source = parse(file);
    throwOnSyntaxError(file, source);
    const result = mode === 'cleaned' ? cleanUp(file.text) : print(source);
    lastResults.set(file.path, { text: file.text, mode, result });
    out.set(file.path, result);
  }
  return out;
}

/**
 * For a file printed by TypeScript's printer (openapi-typescript's model types): parses it, fails on a
 * syntax error, and returns it in the formatter's 2-space indentation. The printer indents by exactly
 * 4 spaces a level, and the continuation lines of a comment by 4 a level plus 1 before the `*`, and
 * lays out everything else as the formatter would; so halving the levels gives the formatter's result
 * without running it (a fifth of the time). Anything not in that shape (a line indented otherwise, a
 * template or multi-line string literal, a tab) goes through the formatter instead.
 */
export function checkAndReindentPrinted(file: TsFile): string {
  const source = parse(file);
  throwOnSyntaxError(file, source);
  return reindentPrinted(file.text) ?? print(source);
}

/** The printer's 4-space levels as 2-space levels; undefined when the text is not in that shape. */
function reindentPrinted(text: string): string | undefined {
  if (text.includes('\t') || hasMultiLineLiteral(text)) return undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let spaces = 0;
    while (line.charCodeAt(spaces) === 32) spaces++;
    if (spaces === 0) continue;
    const extra = spaces % 4;
    // a code line (4n), or a comment's continuation line (4n + 1, then `*`)
    if (extra !== 0 && !(extra === 1 && line.charCodeAt(spaces) === 42)) return undefined;
    lines[i] = ' '.repeat((spaces - extra) / 2 + extra) + line.slice(spaces);
  }
  return cleanUp(lines.join('\n'));
}

/** Whether a string or template literal spans lines: reindenting would change its value. */
function hasMultiLineLiteral(text: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, text);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.NoSubstitutionTemplateLiteral || token === ts.SyntaxKind.TemplateHead) return true;
    if (token === ts.SyntaxKind.StringLiteral && /[\r\n\u2028\u2029]/.test(scanner.getTokenText())) return true;
  }
  return false;
}

/** Parses all files and fails on the first syntax error, formatting nothing (files kept as written). */
export function checkSyntax(files: TsFile[]): void {
  for (const file of files) {
    const last = lastResults.get(file.path);
    if (last !== undefined && last.text === file.text) continue;
    throwOnSyntaxError(file, parse(file));
    lastResults.set(file.path, { text: file.text, mode: 'checked', result: file.text });
  }
}

function print(source: TypeScript.SourceFile): string {
  const edits = formatEdits(source)
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.span.start - b.edit.span.start || a.index - b.index);
  const original = source.text;
  const parts: string[] = [];
  let at = 0;
  for (const { edit } of edits) {
    parts.push(original.slice(at, edit.span.start), edit.newText);
    at = edit.span.start + edit.span.length;
  }
  parts.push(original.slice(at));
  return cleanUp(parts.join(''));
}

/** What ts-morph did after formatting (a final newline, \n line ends), then our clean-up of its output. */
function cleanUp(formatted: string): string {
  if (!formatted.endsWith('\n')) formatted += '\n';
  if (formatted.includes('\r')) formatted = formatted.replace(/\r?\n/g, '\n');
  const text = formatted.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n');
  return text.endsWith('\n') ? text : text + '\n';
}
