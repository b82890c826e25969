/**
 * Every emitted TypeScript file is parsed and printed by ts-morph: a template that yields invalid
 * TypeScript fails generation here, naming the template, instead of failing the user's build.
 */
import { Project, ts, type SourceFile } from 'ts-morph';
import { SpecloomError } from '../errors.js';

export interface TsFile {
  /** Output path. */
  path: string;
  text: string;
  /** What produced it, for messages ("template client/src/index.ts.hbs"). */
  origin: string;
}

const FORMAT: ts.FormatCodeSettings = {
  indentSize: 2,
  tabSize: 2,
  convertTabsToSpaces: true,
  newLineCharacter: '\n',
  semicolons: ts.SemicolonPreference.Insert,
  insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
};

/** Parses all files, fails on the first syntax error, returns them formatted. */
export function checkAndPrint(files: TsFile[]): Map<string, string> {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { target: ts.ScriptTarget.ES2022, noLib: true } });
  const sources = files.map((f) => [f, project.createSourceFile(`/${f.path}`, f.text, { overwrite: true })] as const);
  const program = project.getProgram();
  const out = new Map<string, string>();
  for (const [file, source] of sources) {
    const diagnostics = program.getSyntacticDiagnostics(source);
    const first = diagnostics[0];
    if (first) {
      const pos = first.getStart();
      const { line, column } = pos !== undefined ? source.getLineAndColumnAtPos(pos) : { line: undefined, column: undefined };
      const message = ts.flattenDiagnosticMessageText(first.getMessageText() as string | ts.DiagnosticMessageChain, '\n');
      throw new SpecloomError(
        `${file.origin} produced invalid TypeScript in ${file.path}${line !== undefined ? ` at line ${line}:${column}` : ''}: ${message}`,
        { file: file.origin },
        'Fix the template (or your override of it); nothing was written.',
      );
    }
    out.set(file.path, print(source));
  }
  return out;
}

function print(source: SourceFile): string {
  source.formatText(FORMAT);
  const text = source.getFullText().replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n');
  return text.endsWith('\n') ? text : text + '\n';
}
