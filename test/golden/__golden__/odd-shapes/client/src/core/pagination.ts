// Page-by-page iteration over paginated lists ({ data, page, pages, results } envelopes). Part of the specloom runtime.

/** A page of a paginated list. */
export interface Page<T> {
  data: T[];
  page: number;
  pages: number;
  results: number;
}

/**
 * What the iterators accept: a `Page` whose fields may be missing, since specs often declare them optional.
 * A page without `pages` is taken to be the only one.
 */
export interface PageLike<T> {
  readonly data?: readonly T[] | undefined;
  readonly page?: number | undefined;
  readonly pages?: number | undefined;
  readonly results?: number | undefined;
}

/**
 * Fetches pages `startPage`, `startPage + 1`, ... one at a time as the iteration goes, and yields each page.
 * Stops after page `pages`, or after an empty page (so `pages: 0` or a list shrinking meanwhile ends it).
 * Breaking out of a `for await` loop stops it without fetching further.
 */
export async function* iteratePages<P extends PageLike<unknown>>(
  fetchPage: (page: number) => PromiseLike<P>,
  startPage = 1,
): AsyncIterableIterator<P> {
  for (let page = startPage; ; page++) {
    const result = await fetchPage(page);
    yield result;
    // Without `pages`, this page is the only one.
    if (!result.data?.length || !(page < (result.pages ?? 0))) return;
  }
}

/** Every item of every page, fetched page by page as the iteration goes (see `iteratePages`). */
export async function* iterateItems<T>(
  fetchPage: (page: number) => PromiseLike<PageLike<T>>,
  startPage = 1,
): AsyncIterableIterator<T> {
  for await (const page of iteratePages(fetchPage, startPage)) {
    yield* page.data ?? [];
  }
}
