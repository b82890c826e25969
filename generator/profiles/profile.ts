/**
 * A profile holds what one API vendor does its own way, so the generic stages stay generic: how a list
 * is paginated, which extension marks a field as filterable, and what markers its descriptions carry.
 * The model (ir/) and every target read these rules from the profile in force; a new vendor is a new
 * file beside linode.ts and one line in index.ts.
 */

/** Clean-up of spec text before any escaping: markers of the vendor's own docs pipeline, line ends. */
export interface ContentRules {
  cleanText(text: string): string;
}

/** A query parameter the client adds to every paginated list that does not declare it. */
interface PageParameter {
  name: string;
  description: string;
  /** Its JSON Schema, as the model types show it. */
  schema: Record<string, unknown>;
}

/**
 * Page-number pagination: a list answers an envelope object holding the items (`data`) beside the
 * page counters (`page`, `pages`, `results`), and takes the page and its size as query parameters.
 */
export interface PaginationRules {
  itemsProperty: string;
  /** The other properties an envelope has, every one of them, so an object that happens to hold an array is not one. */
  counterProperties: readonly string[];
  pageParameter: PageParameter;
  pageSizeParameter: PageParameter;
  /** The page size the API uses when a request names none. */
  defaultPageSize: number;
  /** The envelope's current-page and page-count fields, for a StackQL provider's pagination config. */
  stackql?: { pageProperty: string; pageCountProperty: string };
}

export interface Profile {
  name: string;
  content: ContentRules;
  pagination: PaginationRules;
  /** The vendor extension that marks a list item's field as usable in a filter (X-Filter), if the vendor has one. */
  filterableExtension?: string;
  /** String formats of the vendor's own that name what a value means, not a syntax to check (Linode's `oauth-scopes`). */
  annotationFormats: readonly string[];
}

/** What the profile is chosen from: the spec's servers and the config's choice. */
export interface ProfileSignals {
  serverUrls: readonly string[];
}
