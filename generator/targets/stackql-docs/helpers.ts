/**
 * The stackql-docs target's template helpers: one per place spec text lands in on a page (MDX flow text,
 * a table cell, a code span, a JSX attribute, SQL, YAML, shell), each escaping through the module of
 * its language in generator/escape/.
 */
import { anchorId, jsString, jsxAttr, mdTableCell, mdxCell, mdxCellBlocks, mdxCodeSpan, mdxLiteral, mdxSection, mdxText } from '../../escape/mdx.js';
import { shellAuth } from '../../escape/shell.js';
import { sqlIdent, sqlJson, sqlJsonPlaceholder, sqlName, sqlPlaceholder, sqlString } from '../../escape/sql.js';
import { manifestYaml, yamlScalar, type ManifestResource } from '../../escape/yaml.js';
import type { HandlebarsEnv } from '../../render/engine.js';

/**
 * Registers the docs helpers on the target's Handlebars environment. Each returns a SafeString: the
 * engine refuses bare `{{value}}` output of strings.
 */
export function docsHelpers(hb: HandlebarsEnv): void {
  const safe = (s: string) => new hb.SafeString(s);
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const isOptions = (v: unknown) => typeof v === 'object' && v !== null && 'hash' in v && 'data' in v;
  hb.registerHelper('mdxText', (v: unknown) => safe(mdxText(str(v))));
  hb.registerHelper('mdxCell', (v: unknown, options: Handlebars.HelperOptions) => safe(mdxCell(str(v), options?.hash?.['breaks'] === 'space' ? 'space' : 'br')));
  /** {{mdxCellBlocks text}}: a description in an HTML table cell, its lists and code kept as such. */
  hb.registerHelper('mdxCellBlocks', (v: unknown, options: Handlebars.HelperOptions) => safe(mdxCellBlocks(str(v), options?.hash?.['breaks'] === 'br' ? 'br' : 'space')));
  /** {{mdxSection text reserved="id id"}}: a long description whose headings become headings below the page's own. */
  hb.registerHelper('mdxSection', (v: unknown, options: Handlebars.HelperOptions) => safe(mdxSection(str(v), str(options?.hash?.['reserved']).split(/\s+/).filter(Boolean))));
  hb.registerHelper('mdxLiteral', (v: unknown) => safe(mdxLiteral(str(v))));
  hb.registerHelper('mdxCode', (v: unknown) => safe(mdxCodeSpan(str(v))));
  hb.registerHelper('mdTableCell', (v: unknown, options: Handlebars.HelperOptions) => {
    const kind = options?.hash?.['kind'];
    return safe(mdTableCell(str(v), kind === 'code' || kind === 'text' || kind === 'md-br' ? kind : 'md'));
  });
  hb.registerHelper('jsxAttr', (v: unknown) => safe(jsxAttr(str(v))));
  hb.registerHelper('jsString', (v: unknown) => safe(jsString(str(v))));
  hb.registerHelper('anchorId', (v: unknown) => safe(anchorId(str(v))));
  hb.registerHelper('sqlString', (v: unknown) => safe(sqlString(str(v))));
  hb.registerHelper('sqlIdent', (v: unknown) => safe(sqlIdent(str(v))));
  hb.registerHelper('sqlName', (v: unknown) => safe(sqlName(Array.isArray(v) ? v.map(String) : str(v))));
  hb.registerHelper('sqlPlaceholder', (name: unknown, quoted: unknown) => safe(sqlPlaceholder(str(name), isOptions(quoted) ? true : Boolean(quoted))));
  hb.registerHelper('sqlJson', (v: unknown) => safe(sqlJson(v)));
  hb.registerHelper('sqlJsonPlaceholder', (name: unknown, quoted: unknown) => safe(sqlJsonPlaceholder(str(name), isOptions(quoted) ? true : Boolean(quoted))));
  hb.registerHelper('authJson', (provider: unknown, type: unknown, envVar: unknown, options: Handlebars.HelperOptions) =>
    safe(shellAuth(str(provider), str(type), str(envVar), options?.hash?.['shell'] === 'powershell' ? 'powershell' : 'bash')),
  );
  hb.registerHelper('yaml', (v: unknown) => safe(yamlScalar(v)));
  hb.registerHelper('manifestYaml', (v: unknown) => safe(manifestYaml(v as ManifestResource[])));
}
