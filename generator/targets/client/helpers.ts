/**
 * The client target's own template helpers, beside the TypeScript ones (render/typescript-helpers.ts):
 * Markdown of the README and reference pages, and the example calls they show.
 */
import { markdownBlock, markdownCode, markdownInline } from '../../escape/markdown.js';
import { tsLiteral } from '../../escape/typescript.js';
import { isIdentifier } from '../../names/naming.js';
import { TemplateValueError, type HandlebarsEnv } from '../../render/engine.js';
import type { ContentRules } from '../../profiles/profile.js';
import { renderDisplayType } from './reference.js';
import type { DisplayType } from './types.js';

export function clientHelpers(content: ContentRules) {
  return (hb: HandlebarsEnv): void => {
    const safe = (s: string) => new hb.SafeString(s);
    const clean = content.cleanText;

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
