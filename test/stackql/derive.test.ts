/**
 * The derivation rules of stackql/derive.ts on a small API that is not Linode's: each rule is general, so a spec
 * with other words gets the mapping a person would make.
 */
import { describe, expect, it } from 'vitest';
import { deriveRows, nameWords } from '../../generator/stackql/derive.js';
import { DEFAULT_STACKQL_OPTIONS, type StackqlOptions } from '../../generator/stackql/types.js';
import { modelFromText } from '../helpers/pipeline.js';

const item = (props: string[]) => ({ type: 'object', properties: Object.fromEntries(props.map((p) => [p, { type: 'string' }])) });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const page = (schema: unknown) => ({ type: 'object', properties: { data: { type: 'array', items: schema }, page: { type: 'integer' }, pages: { type: 'integer' }, results: { type: 'integer' } } });
const ok = (schema?: unknown) => ({ '200': { description: 'ok', ...(schema !== undefined ? json(schema) : {}) } });

const STORE = item(['id', 'name', 'region', 'created']);
const ORDER = item(['id', 'total', 'status']);
const GIFT_CARD = item(['code', 'balance', 'currency', 'expires']);
const spec = {
  openapi: '3.0.3',
  info: { title: 'Shopworks API', version: '1' },
  servers: [{ url: 'https://api.shopworks.example/v1' }],
  paths: {
    '/shops/stores': {
      get: { operationId: 'listStores', tags: ['Shop stores'], summary: 'List stores', responses: ok(page(STORE)) },
      post: { operationId: 'createStore', tags: ['Shop stores'], summary: 'Create a store', requestBody: json(item(['name', 'region'])), responses: ok(STORE) },
    },
    '/shops/stores/{storeId}': {
      parameters: [{ name: 'storeId', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getStore', tags: ['Shop stores'], summary: 'Get a store', responses: ok(STORE) },
      put: { operationId: 'updateStore', tags: ['Shop stores'], summary: 'Update a store', requestBody: json(item(['name'])), responses: ok(STORE) },
      delete: { operationId: 'deleteStore', tags: ['Shop stores'], summary: 'Delete a store', responses: ok() },
    },
    '/shops/stores/{storeId}/close': {
      parameters: [{ name: 'storeId', in: 'path', required: true, schema: { type: 'string' } }],
      post: { operationId: 'closeStore', tags: ['Shop stores'], summary: 'Close a store', responses: ok() },
    },
    '/shops/stores/{storeId}/logo': {
      parameters: [{ name: 'storeId', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getStoreLogo', tags: ['Store logo'], summary: 'Get a store logo', responses: { '200': { description: 'ok', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } } } },
    },
    '/shops/stores/{storeId}/orders': {
      parameters: [{ name: 'storeId', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'listStoreOrders', tags: ['Orders'], summary: 'List orders', responses: ok(page(ORDER)) },
    },
    '/shops/giftcards': {
      get: { operationId: 'listGiftCards', tags: ['GiftCards'], summary: 'List gift cards', responses: ok(page(GIFT_CARD)) },
      post: { operationId: 'redeemGiftCard', tags: ['GiftCards'], summary: 'Redeem a gift card', requestBody: json(item(['code'])), responses: ok(item(['accepted'])) },
    },
    '/shops/giftcards/{code}': {
      parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getGiftCard', tags: ['GiftCards'], summary: 'Get a gift card', responses: ok(GIFT_CARD) },
    },
    '/shops/OAuthApps': {
      get: { operationId: 'listOAuthApps', tags: ['OAuth apps'], summary: 'List apps', responses: ok(page(item(['id']))) },
    },
  },
};

async function rows(options: Partial<StackqlOptions> = {}) {
  const { model } = await modelFromText(JSON.stringify(spec), 'shopworks.json');
  return new Map(deriveRows(model, { ...DEFAULT_STACKQL_OPTIONS, ...options }).map((r) => [r.operation.operationId, r]));
}

describe('the derived StackQL mapping', () => {
  it('names the resource from the tag without the service words it starts with', async () => {
    const r = await rows();
    expect(['listStores', 'createStore', 'getStore', 'updateStore', 'deleteStore', 'closeStore'].map((id) => `${r.get(id)!.service}.${r.get(id)!.resource}`)).toEqual(Array(6).fill('shops.stores'));
  });

  it('splits capitalized words but keeps acronyms and brand words whole', async () => {
    expect(nameWords('GiftCards')).toEqual(['gift', 'cards']);
    expect(nameWords('OAuth apps')).toEqual(['oauth', 'apps']);
    expect(nameWords('PostgreSQL')).toEqual(['postgresql']);
    expect(nameWords('IPv6 ranges')).toEqual(['ipv6', 'ranges']);
    const r = await rows();
    expect(r.get('listGiftCards')!.resource).toBe('gift_cards');
  });

  it('gives SQL verbs: a POST that creates an item is INSERT, a POST that does something else is EXEC', async () => {
    const r = await rows();
    expect(['listStores', 'getStore', 'createStore', 'updateStore', 'deleteStore', 'closeStore', 'redeemGiftCard'].map((id) => r.get(id)!.verb)).toEqual(['select', 'select', 'insert', 'replace', 'delete', 'exec', 'exec']);
  });

  it('puts a read of something without rows (an image) under the resource above it, as EXEC', async () => {
    const r = await rows();
    expect([r.get('getStoreLogo')!.resource, r.get('getStoreLogo')!.verb]).toEqual(['stores', 'exec']);
  });

  it('takes the objectKey of paginated lists', async () => {
    const r = await rows();
    expect(r.get('listStores')!.objectKey).toBe('$.data');
    expect(r.get('getStore')!.objectKey).toBeUndefined();
  });

  it('names methods by operationId, or by the registry short names', async () => {
    const long = await rows();
    expect(long.get('closeStore')!.method).toBe('close_store');
    const short = await rows({ methodNames: 'short' });
    expect(['listStores', 'getStore', 'createStore', 'updateStore', 'deleteStore', 'closeStore', 'getStoreLogo', 'redeemGiftCard'].map((id) => short.get(id)!.method)).toEqual(['list', 'get', 'create', 'update', 'delete', 'close', 'get_logo', 'redeem']);
  });

  it('splits services by tag on request, and renames them', async () => {
    const r = await rows({ split: 'tag', serviceNames: { gift_cards: 'cards' } });
    expect(`${r.get('listStores')!.service}.${r.get('listStores')!.resource}`).toBe('shop_stores.stores');
    expect(r.get('listGiftCards')!.service).toBe('cards');
    expect(r.get('listOAuthApps')!.service).toBe('oauth_apps');
  });
});
