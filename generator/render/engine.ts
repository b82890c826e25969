/**
 * The Handlebars environment. Templates own the layout of every emitted file; spec-derived text
 * reaches them raw in the context and must pass through a named helper that escapes it for the
 * target (`tsString`, `tsdoc`, `json`, `id`, `type`). A bare `{{value}}` of a string is an error,
 * so a template cannot paste spec text unescaped by accident.
 */
import Handlebars from 'handlebars';
import { SpecloomError } from '../errors.js';
import { isIdentifier } from '../names/naming.js';
import { cleanDescription, jsdocLines, jsonValue, markdownBlock, markdownCode, markdownInline, tsLiteral, tsString } from '../escape/text.js';
import { registerDocsHelpers } from '../escape/mdx.js';
import { renderDisplayType, type DisplayType } from '../targets/client/reference.js';

/** Template sources by path relative to the templates root ("client/src/index.ts.hbs"). */
export type TemplateFiles = ReadonlyMap<string, string>;

export interface TemplateEngine {
  render(templatePath: string, context: unknown): string;
  has(templatePath: string): boolean;
}

class RawOutputError extends Error {}

// Handlebars calls Utils.escapeExpression for every {{value}} (not for helper results, which are
// SafeStrings). Its Utils object is shared by every environment, so this is set once, here:
// numbers and booleans may pass, strings must go through a helper.
(Handlebars.Utils as { escapeExpression: (v: unknown) => string }).escapeExpression = (value: unknown) => {
  if (value instanceof Handlebars.SafeString) return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return '';
  throw new RawOutputError(`a value was output without an escaping helper: ${JSON.stringify(String(value)).slice(0, 60)}`);
};

export function createTemplateEngine(files: TemplateFiles): TemplateEngine {
  const hb = Handlebars.create();
  const safe = (s: string) => new hb.SafeString(s);

  hb.registerHelper('id', (name: unknown) => {
    if (typeof name !== 'string' || !isIdentifier(name)) throw new RawOutputError(`{{id}} got a value that is not an identifier: ${JSON.stringify(name)}`);
    return safe(name);
  });
  // Type expressions come from the planner, built from identifiers and JSON literals.
  hb.registerHelper('type', (t: unknown) => {
    if (typeof t !== 'string' || /\*\/|[\r\n]/.test(t)) throw new RawOutputError(`{{type}} got an unsafe type expression: ${JSON.stringify(t)}`);
    return safe(t);
  });
  /** An object literal key: bare when it is an identifier, quoted otherwise. */
  hb.registerHelper('key', (v: unknown) => safe(isIdentifier(String(v)) ? String(v) : tsString(String(v))));
  hb.registerHelper('tsString', (v: unknown) => safe(tsString(String(v ?? ''))));
  hb.registerHelper('json', (v: unknown, options: Handlebars.HelperOptions) => {
    const indent = typeof options?.hash?.['indent'] === 'number' ? options.hash['indent'] : 0;
    return safe(jsonValue(v, indent));
  });
  /** {{tsdoc text}}: comment body lines, each " * "-prefixed (ts-morph re-indents them). */
  hb.registerHelper('tsdoc', (v: unknown) => {
    if (v === undefined || v === null || v === '') return safe('');
    return safe(jsdocLines(cleanDescription(String(v))).map((l) => ` *${l.length > 0 ? ' ' + l : ''}`).join('\n'));
  });
  /** {{tsdocInline text}}: the same, folded onto one line, for tag arguments (@param, @see). */
  hb.registerHelper('tsdocInline', (v: unknown) => safe(jsdocLines(cleanDescription(String(v ?? ''))).join(' ').replace(/\s+/g, ' ').trim()));
  hb.registerHelper('tsLiteral', (v: unknown) => safe(tsLiteral(v, isIdentifier)));
  hb.registerHelper('mdInline', (v: unknown) => safe(markdownInline(String(v ?? ''))));
  hb.registerHelper('mdBlock', (v: unknown) => safe(markdownBlock(String(v ?? ''))));
  /** A relative link target the planner made: path characters only. */
  hb.registerHelper('mdLink', (v: unknown) => {
    if (typeof v !== 'string' || !/^[A-Za-z0-9._/#-]+$/.test(v)) throw new RawOutputError(`{{mdLink}} got an unsafe link: ${JSON.stringify(v)}`);
    return safe(v);
  });
  hb.registerHelper('mdCode', (v: unknown) => safe(markdownCode(String(v ?? ''))));
  /** {{mdType type "../models/"}}: a display type, model names linked to their pages. */
  hb.registerHelper('mdType', (t: DisplayType, prefix: unknown) => safe(renderDisplayType(t, typeof prefix === 'string' ? prefix : '')));
  registerDocsHelpers(hb);
  /**
   * {{tsdoc (exampleCall client service resource op)}}: the call an example shows, as plain text
   * (not yet escaped: pass it to the helper for its target).
   */
  hb.registerHelper('exampleCall', (client: { clientVariable: string }, service: { propertyName: string }, resource: { propertyName: string }, op: { methodName: string; example: { pathArgs: unknown[]; params?: Record<string, unknown> } }) => {
    const args = [...op.example.pathArgs.map((a) => tsLiteral(a, isIdentifier)), ...(op.example.params ? [tsLiteral(op.example.params, isIdentifier)] : [])];
    return `const result = await ${client.clientVariable}.${service.propertyName}.${resource.propertyName}.${op.methodName}(${args.join(', ')});`;
  });
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map((a) => String(a ?? '')).join(''));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));

  for (const [p, source] of files) {
    if (/(^|\/)partials\/[^/]+\.hbs$/.test(p)) hb.registerPartial(p.replace(/^.*partials\//, '').replace(/\.hbs$/, ''), source);
  }

  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  return {
    has: (templatePath) => files.has(templatePath),
    render(templatePath, context) {
      const source = files.get(templatePath);
      if (source === undefined) throw new SpecloomError(`template not found: ${templatePath}`, { file: templatePath });
      try {
        let template = compiled.get(templatePath);
        if (!template) {
          template = hb.compile(source, { strict: true, noEscape: false, preventIndent: true });
          compiled.set(templatePath, template);
        }
        return template(context, { allowProtoPropertiesByDefault: false });
      } catch (err) {
        const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
        throw new SpecloomError(`template ${templatePath} failed: ${message}`, { file: templatePath }, 'Fix the template (or remove your override of it) and run again.');
      }
    },
  };
}
