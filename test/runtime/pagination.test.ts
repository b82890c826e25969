/** iteratePages / iterateItems over Linode-style envelopes, against the server and against plain functions. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClientContext, iterateItems, iteratePages, request, type Page } from '../../templates/client/src/core/runtime.js';
import { useFaultServer, SECRET_TOKEN, paginated, testDefaults } from './fault-server.js';

const fault = useFaultServer();

interface Item {
  id: number;
}
/** As openapi-typescript types an envelope: every field optional and read-only. */
interface ItemList {
  data?: Item[];
  readonly page?: number;
  readonly pages?: number;
  readonly results?: number;
}

const items: Item[] = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }));
const listItems = (page: number) =>
  request<ItemList>(createClientContext({ baseUrl: fault.server.baseUrl, token: SECRET_TOKEN }, testDefaults), {
    method: 'GET',
    path: '/{apiVersion}/items',
    query: { page, page_size: 3 },
  });

/** A fake list: pages of the given sizes, `pages` as given. */
function fakeList(sizes: number[], pages = sizes.length) {
  const requested: number[] = [];
  const fetchPage = async (page: number): Promise<Page<number>> => {
    requested.push(page);
    const size = sizes[page - 1] ?? 0;
    return { data: Array.from({ length: size }, (_, i) => page * 100 + i), page, pages, results: 0 };
  };
  return { requested, fetchPage };
}

describe('pagination', () => {
  it('iteratePages requests pages 1..pages in order and stops at `pages`', async () => {
    fault.server.handle(paginated(items, 3));
    const pages: ItemList[] = [];
    for await (const page of iteratePages(listItems)) pages.push(page);
    expectTypeOf(pages[0]!).toEqualTypeOf<ItemList>();
    expect(pages.map((p) => [p.page, p.pages, p.data?.length])).toEqual([[1, 3, 3], [2, 3, 3], [3, 3, 1]]);
    expect(fault.server.requests.map((r) => r.url)).toEqual([
      '/v4/items?page=1&page_size=3',
      '/v4/items?page=2&page_size=3',
      '/v4/items?page=3&page_size=3',
    ]);
  });

  it('iterateItems yields every item in order, fetching lazily', async () => {
    fault.server.handle(paginated(items, 3));
    const seen: Item[] = [];
    for await (const item of iterateItems(listItems)) {
      expectTypeOf(item).toEqualTypeOf<Item>();
      seen.push(item);
      if (item.id === 2) expect(fault.server.requests).toHaveLength(1);
    }
    expect(seen).toEqual(items);
    expect(fault.server.requests).toHaveLength(3);
  });

  it('stops on an empty page, on pages: 0 and when `pages` is missing', async () => {
    const shrunk = fakeList([2, 0, 2], 3);
    expect(await collect(iterateItems(shrunk.fetchPage))).toEqual([100, 101]);
    expect(shrunk.requested).toEqual([1, 2]);

    const none = fakeList([], 0);
    expect(await collect(iteratePages(none.fetchPage))).toHaveLength(1);
    expect(none.requested).toEqual([1]);

    const requested: number[] = [];
    const noPages = async (page: number) => (requested.push(page), { data: [1, 2] });
    expect(await collect(iterateItems(noPages))).toEqual([1, 2]);
    expect(requested).toEqual([1]);
  });

  it('starts at startPage, and breaking out fetches no more', async () => {
    const list = fakeList([1, 1, 1, 1]);
    expect(await collect(iterateItems(list.fetchPage, 3))).toEqual([300, 400]);
    expect(list.requested).toEqual([3, 4]);

    const early = fakeList([2, 2, 2]);
    for await (const item of iterateItems(early.fetchPage)) if (item === 101) break;
    expect(early.requested).toEqual([1]);
  });

  it('propagates a failing page', async () => {
    const failing = async (page: number): Promise<Page<number>> => {
      if (page === 2) throw new Error('page 2 failed');
      return { data: [1], page, pages: 3, results: 3 };
    };
    await expect(collect(iterateItems(failing))).rejects.toThrow('page 2 failed');
  });
});

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterator) out.push(x);
  return out;
}
