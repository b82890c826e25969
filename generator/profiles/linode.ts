/**
 * Linode's API (api.linode.com): lists answer `{ data, page, pages, results }` and take `page_size` from
 * 25 to 500; a list item's field marked `x-linode-filterable` can be used in the X-Filter header; and
 * descriptions carry `<<LB>>`, a line-break placeholder of Linode's docs pipeline.
 */
import { normalizeText } from '../escape/normalize.js';
import type { Profile, ProfileSignals } from './profile.js';

/** Drops the `<<LB>>` markers (a line of its own, or inline as a space), keeping the notes around them. */
function cleanText(value: string): string {
  return normalizeText(value.replace(/\r\n?/g, '\n').replace(/^[ \t]*<<LB>>[ \t]*$/gm, '').replace(/<<LB>>/g, ' '));
}

export const linodeProfile: Profile = {
  name: 'linode',
  content: { cleanText },
  pagination: {
    itemsProperty: 'data',
    counterProperties: ['page', 'pages', 'results'],
    pageParameter: { name: 'page', description: 'The page of results to return, starting at 1.', schema: { type: 'integer', minimum: 1 } },
    pageSizeParameter: { name: 'page_size', description: 'The number of items per page, from 25 to 500.', schema: { type: 'integer', minimum: 25, maximum: 500 } },
    defaultPageSize: 100,
    stackql: { pageProperty: 'page', pageCountProperty: 'pages' },
  },
  filterableExtension: 'x-linode-filterable',
  // A space-separated list of OAuth scopes (`account:read_write linodes:read_only`), as the API documents them.
  annotationFormats: ['oauth-scope', 'oauth-scopes'],
};

/** A spec served from linode.com or one of its subdomains. */
export function isLinode(signals: ProfileSignals): boolean {
  return signals.serverUrls.some((url) => {
    try {
      const host = new URL(url).hostname.toLowerCase();
      return host === 'linode.com' || host.endsWith('.linode.com');
    } catch {
      return false;
    }
  });
}
