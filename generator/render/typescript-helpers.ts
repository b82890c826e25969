/**
 * Template helpers for TypeScript output, shared by every target that writes TypeScript: each escapes spec
 * text for the place it lands in (a string literal, a JSDoc comment, JSON) or checks that a value the
 * planner made is what it must be (an identifier, a type expression, an expression).
 */
import { jsonInline, jsonValue } from '../escape/json.js';
import { jsdocLines, tsLiteral, tsString } from '../escape/typescript.js';
import { isIdentifier } from '../names/naming.js';
import type { ContentRules } from '../profiles/profile.js';
import { TemplateValueError, type HandlebarsEnv } from './engine.js';

export function typescriptHelpers(content: ContentRules) {
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
    /** {{tsJson value}}: a JSON value as a one-line TypeScript literal, spaced as the formatter would. */
    hb.registerHelper('tsJson', (v: unknown) => safe(jsonInline(v)));
    /** {{tsdoc text}}: comment body lines, each " * "-prefixed (the formatter re-indents them). */
    hb.registerHelper('tsdoc', (v: unknown) => {
      if (v === undefined || v === null || v === '') return safe('');
      return safe(jsdocLines(clean(String(v))).map((l) => ` *${l.length > 0 ? ' ' + l : ''}`).join('\n'));
    });
    /** {{tsdocInline text}}: the same, folded onto one line, for tag arguments (@param, @see). */
    hb.registerHelper('tsdocInline', (v: unknown) => safe(jsdocLines(clean(String(v ?? ''))).join(' ').replace(/\s+/g, ' ').trim()));
    hb.registerHelper('tsLiteral', (v: unknown) => safe(tsLiteral(v, isIdentifier)));
    /**
     * {{code expr}}: a TypeScript expression an emitter built from identifiers and escaped literals (a Zod
     * schema). One line, and nothing that could end a comment around it.
     */
    hb.registerHelper('code', (v: unknown) => {
      if (typeof v !== 'string' || /[\r\n\u2028\u2029]/.test(v)) throw new TemplateValueError(`{{code}} got an unsafe expression: ${JSON.stringify(v).slice(0, 80)}`);
      return safe(v);
    });
  };
}
