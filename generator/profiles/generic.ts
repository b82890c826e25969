/** The profile of every spec no vendor profile claims: no markers, no filter extension, bounds left to the API. */
import { normalizeText } from '../escape/normalize.js';
import type { Profile } from './profile.js';

export const genericProfile: Profile = {
  name: 'generic',
  content: { cleanText: normalizeText },
  pagination: {
    itemsProperty: 'data',
    counterProperties: ['page', 'pages', 'results'],
    pageParameter: { name: 'page', description: 'The page of results to return, starting at 1.', schema: { type: 'integer', minimum: 1 } },
    pageSizeParameter: { name: 'page_size', description: 'The number of items per page.', schema: { type: 'integer', minimum: 1 } },
    defaultPageSize: 25,
  },
  annotationFormats: [],
};
