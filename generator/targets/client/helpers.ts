/**
 * The client target's template helpers: each escapes spec text for the place it lands in (a TypeScript
 * string, a JSDoc comment, Markdown of the README and reference pages) or checks that a value the
 * planner made is what it must be (an identifier, a type expression, a link).
 */
import { jsonValue } from '../../escape/json.js';
import { markdownBlock, markdownCode, markdownInline } from '../../escape/markdown.js';
import { jsdocLines, tsLiteral, tsString } from '../../escape/typescript.js';
import { isIdentifier } from '../../names/naming.js';
import { TemplateValueError, type HandlebarsEnv } from '../../render/engine.js';
import type { ContentRules } from '../../profiles/profile.js';
import { renderDisplayType } from './reference.js';
import type { DisplayType } from './types.js';

export function clientHelpers(content: ContentRules) {
  return (hb: HandlebarsEnv): void => {
    const safe = (s: string) => new hb.SafeString(s);
    const clean = content.cleanText;

    hb.registerHelper('id', (name: unknown) => {
      if (typeof name !== 'string' || !isIdentifier(name)) throw new TemplateValueError(`{{id}} got a value that is not an identifier: ${JSON.stringify(name)}`);
      return safe(name);
    });
    // Type expressions come from the planner, built from identifiers and JSON literals.
    hb.registerHelper('type', (t: unknown) => {
      if (typeof t !== 'string' || /\*\/|[\r\n]/.test(t)) throw new TemplateValueError(`{{type}} got an unsafe type expression: ${JSON.stringify(t)}`);
      return safe(t);
    });
    /** An object literal key: bare when it is an identifier, quoted otherwise. */
    hb.registerHelper('key', (v: unknown) => safe(isIdentifier(String(v)) ? String(v) : tsString(String(v))));
    hb.registerHelper('tsString', (v: unknown) => safe(tsString(String(v ?? ''))));
    hb.registerHelper('json', (v: unknown, options: Handlebars.HelperOptions) => {
      const indent = typeof options?.hash?.['indent'] === 'number' ? options.hash['indent'] : 0;
      return safe(jsonValue(v, indent));
    });
    /** {{tsdoc text}}: comment body lines, each " * "-prefixed (the formatter re-indents them). */
    hb.registerHelper('tsdoc', (v: unknown) => {
      if (v === undefined || v === null || v === '') return safe('');
      return safe(jsdocLines(clean(String(v))).map((l) => ` *${l.length > 0 ? ' ' + l : ''}`).join('\n'));
    });
    /** {{tsdocInline text}}: the same, folded onto one line, for tag arguments (@param, @see). */
    hb.registerHelper('tsdocInline', (v: unknown) => safe(jsdocLines(clean(String(v ?? ''))).join(' ').replace(/\s+/g, ' ').trim()));
    hb.registerHelper('tsLiteral', (v: unknown) => safe(tsLiteral(v, isIdentifier)));
    hb.registerHelper('mdInline', (v: unknown) => safe(markdownInline(clean(String(v ?? '')))));
    hb.registerHelper('mdBlock', (v: unknown) => safe(markdownBlock(clean(String(v ?? '')))));
    /** A relative link target the planner made: path characters only. */
    hb.registerHelper('mdLink', (v: unknown) => {
      if (typeof v !== 'string' || !/^[A-Za-z0-9._/#-]+$/.test(v)) throw new TemplateValueError(`{{mdLink}} got an unsafe link: ${JSON.stringify(v)}`);
      return safe(v);
    });
    hb.registerHelper('mdCode', (v: unknown) => safe(markdownCode(String(v ?? ''))));
    /** {{mdType type "../models/"}}: a display type, model names linked to their pages. */
    hb.registerHelper('mdType', (t: DisplayType, prefix: unknown) => safe(renderDisplayType(t, typeof prefix === 'string' ? prefix : '')));
    /**
     * {{tsdoc (exampleCall client service resource op)}}: the call an example shows, as plain text
     * (not yet escaped: pass it to the helper for its target).
     */
    hb.registerHelper('exampleCall', (client: { clientVariable: string }, service: { propertyName: string }, resource: { propertyName: string }, op: { methodName: string; example: { pathArgs: unknown[]; params?: Record<string, unknown> } }) => {
      const args = [...op.example.pathArgs.map((a) => tsLiteral(a, isIdentifier)), ...(op.example.params ? [tsLiteral(op.example.params, isIdentifier)] : [])];
      return `const result = await ${client.clientVariable}.${service.propertyName}.${resource.propertyName}.${op.methodName}(${args.join(', ')});`;
    });
  };
}
