/**
 * The service/resource grouping (generator/ir/grouping.ts): what kind each operation is, and which resource
 * it belongs to, on fine tags (the tokens spec) and on coarse ones (the full Linode spec's `Account`).
 */
import { describe, expect, it } from 'vitest';
import { assignResources, classify, type PathContext } from '../../generator/ir/grouping.js';
import { modelFromText } from '../helpers/pipeline.js';

const paths = new Set(['/{apiVersion}/domains', '/{apiVersion}/networking/ips', '/{apiVersion}/profile/phone-number']);
const context = (over: Partial<PathContext> = {}): PathContext => ({
  hasGetOnSamePath: false,
  onlyPostOnSamePath: true,
  isPath: (p) => paths.has(p),
  apiVersionParam: 'apiVersion',
  ...over,
});

describe('classify', () => {
  it('makes a POST under an item an action on that item', () => {
    expect(classify('post', '/{apiVersion}/linode/instances/{linodeId}/reboot', false, context())).toEqual({
      kind: 'action',
      collectionPath: '/{apiVersion}/linode/instances',
      actionName: 'reboot',
    });
  });

  it('makes a POST-only literal path an action on the nearest path above it', () => {
    expect(classify('post', '/{apiVersion}/domains/import', false, context())).toEqual({ kind: 'action', collectionPath: '/{apiVersion}/domains', actionName: 'import' });
    expect(classify('post', '/{apiVersion}/networking/ips/assign', false, context())).toEqual({ kind: 'action', collectionPath: '/{apiVersion}/networking/ips', actionName: 'assign' });
  });

  it('falls back to the service root, naming the action with the segments in between', () => {
    expect(classify('post', '/{apiVersion}/account/cancel', false, context())).toEqual({ kind: 'action', collectionPath: '/{apiVersion}/account', actionName: 'cancel' });
    expect(classify('post', '/{apiVersion}/networking/ipv4/share', false, context())).toEqual({ kind: 'action', collectionPath: '/{apiVersion}/networking', actionName: 'ipv4-share' });
    expect(classify('post', '/v2/object-storage/cancel', false, context({ apiVersionParam: undefined }))).toEqual({ kind: 'action', collectionPath: '/v2/object-storage', actionName: 'cancel' });
  });

  it('keeps a POST a create when the path can be listed or has other operations', () => {
    expect(classify('post', '/{apiVersion}/profile/tokens', false, context({ hasGetOnSamePath: true }))).toEqual({ kind: 'create', collectionPath: '/{apiVersion}/profile/tokens' });
    expect(classify('post', '/{apiVersion}/profile/phone-number', false, context({ onlyPostOnSamePath: false }))).toEqual({ kind: 'create', collectionPath: '/{apiVersion}/profile/phone-number' });
    expect(classify('post', '/{apiVersion}/pets', false, context())).toEqual({ kind: 'create', collectionPath: '/{apiVersion}/pets' });
  });
});

describe('assignResources', () => {
  const op = (service: string, collectionPath: string, tag?: string) => ({ service, collectionPath, tags: tag === undefined ? [] : [tag] });

  it('uses a tag that names one collection, as written', () => {
    expect(assignResources([op('profile', '/profile/tokens', 'Personal Access Tokens'), op('profile', '/profile/tokens', 'Personal Access Tokens')])).toEqual([
      'Personal Access Tokens',
      'Personal Access Tokens',
    ]);
  });

  it('names each collection of a coarse tag by its path; tags differing in case are one tag', () => {
    const ops = [
      op('account', '/account', 'Account'),
      op('account', '/account/events', 'Account'),
      op('account', '/account/invoices/{invoiceId}/items', 'Account'),
      op('account', '/account/service-transfers', 'account'),
    ];
    expect(assignResources(ops)).toEqual(['account', 'events', 'items', 'service-transfers']);
  });

  it('lengthens names that end alike until they differ, and keeps one name for one family of paths', () => {
    const ops = [
      op('databases', '/databases/instances'),
      op('databases', '/databases/mysql/instances'),
      op('databases', '/databases/mysql/instances/{id}/backups'),
      op('databases', '/databases/postgresql/instances/{id}/backups'),
      op('linode', '/linode/instances/{id}/stats'),
      op('linode', '/linode/instances/{id}/stats/{year}'),
    ];
    expect(assignResources(ops)).toEqual(['instances', 'mysql-instances', 'mysql-instances-backups', 'postgresql-instances-backups', 'stats', 'stats']);
  });
});

describe('grouping in the model', () => {
  it('splits a coarse tag into resources, with POST-only paths as actions of theirs', async () => {
    const { model } = await modelFromText(`openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /account:
    get: {operationId: getAccount, tags: [Account], responses: {'200': {description: ok}}}
  /account/cancel:
    post: {operationId: cancelAccount, tags: [Account], responses: {'200': {description: ok}}}
  /account/events:
    get: {operationId: getEvents, tags: [Account], responses: {'200': {description: ok}}}
  /account/events/{eventId}/seen:
    parameters: [{name: eventId, in: path, required: true, schema: {type: integer}}]
    post: {operationId: eventSeen, tags: [Account], responses: {'200': {description: ok}}}
`);
    expect(model.services.map((s) => [s.name, s.resources.map((r) => [r.name, r.operationIds])])).toEqual([
      ['account', [['account', ['getAccount', 'cancelAccount']], ['events', ['getEvents', 'eventSeen']]]],
    ]);
    expect(model.operations.map((o) => [o.operationId, o.kind, o.actionName])).toEqual([
      ['getAccount', 'get', undefined],
      ['cancelAccount', 'action', 'cancel'],
      ['getEvents', 'get', undefined],
      ['eventSeen', 'action', 'seen'],
    ]);
  });
});
