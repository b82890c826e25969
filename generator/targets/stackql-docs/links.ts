/**
 * Where a link in spec text goes on a docs page (escape/links.ts applies it):
 * - an in-page link that names something on the page goes to it: an id the page has, a method (by its name, its
 *   operationId, `operation/<operationId>` or `<method>-<path>` as other docs tools write them), a parameter;
 * - a link into the API's own docs site (in-page, root-relative or relative) becomes an absolute link where the
 *   spec says where that site is: the document's externalDocs for in-page anchors and paths, info.contact's URL
 *   for paths only (a site's home page has none of the reference's anchors);
 * - anything else keeps only its text. Absolute links (http, https, mailto) stay as they are.
 */
import type { ApiModel, HttpMethod } from '../../ir/model.js';
import type { LinkResolver } from '../../escape/links.js';

export interface PageTargets {
  /** Ids the page has (headings, rows). */
  ids: readonly string[];
  methods: readonly { name: string; operationId: string; method: HttpMethod; path: string; anchor: string }[];
  /** Parameter row ids by parameter name. */
  parameters: Readonly<Record<string, string>>;
}

export interface SiteLinks {
  /** The API's reference docs page (externalDocs). */
  docsUrl?: string;
  /** The API's site (info.contact.url). */
  siteUrl?: string;
}

export function siteLinks(model: ApiModel): SiteLinks {
  const out: SiteLinks = {};
  if (model.externalDocs !== undefined && isWebUrl(model.externalDocs.url)) out.docsUrl = model.externalDocs.url;
  if (model.info.contactUrl !== undefined && isWebUrl(model.info.contactUrl)) out.siteUrl = model.info.contactUrl;
  return out;
}

const normal = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function pageLinks(page: PageTargets, site: SiteLinks): LinkResolver {
  const ids = new Map(page.ids.map((id) => [id.toLowerCase(), id]));
  const byName = new Map<string, string>();
  for (const m of page.methods) {
    byName.set(normal(m.name), m.anchor);
    byName.set(normal(m.operationId), m.anchor);
  }
  for (const [name, anchor] of Object.entries(page.parameters)) if (!byName.has(normal(name))) byName.set(normal(name), anchor);

  const onPage = (fragment: string): string | undefined => {
    const own = ids.get(fragment.toLowerCase());
    if (own !== undefined) return own;
    const byPath = /^(get|put|post|patch|delete|head|options|trace)-(\/.*)$/i.exec(fragment);
    if (byPath) return page.methods.find((m) => m.method === byPath[1]!.toLowerCase() && m.path === byPath[2])?.anchor;
    const last = fragment.replace(/^(operation|parameter|param)[/-]/i, '').split('/').pop() ?? '';
    return last === '' ? undefined : byName.get(normal(last));
  };

  return (href) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
    if (href.startsWith('//')) return undefined;
    if (href.startsWith('#')) {
      let fragment = href.slice(1);
      try {
        fragment = decodeURIComponent(fragment);
      } catch {
        // kept as written
      }
      const anchor = onPage(fragment);
      if (anchor !== undefined) return `#${anchor}`;
      return site.docsUrl !== undefined ? `${site.docsUrl.replace(/#.*$/, '')}${href}` : undefined;
    }
    const base = site.docsUrl ?? site.siteUrl;
    if (base === undefined || href.trim() === '') return undefined;
    try {
      return new URL(href, base).href;
    } catch {
      return undefined;
    }
  };
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^/\s]+/i.test(url);
}
