/**
 * Type tests: checked by `tsc -p tsconfig.test.json` (test/typecheck.test.ts), where an
 * `@ts-expect-error` that is not an error fails the build; vitest runs the expectTypeOf lines.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  createClient,
  type PersonalAccessToken,
  type PersonalAccessTokenCreateParams,
  type PersonalAccessTokenListResponse,
  type PersonalAccessTokenUpdateParams,
} from '../../generated/client/src/index.js';

const tokens = createClient({ token: 't', baseUrl: 'http://127.0.0.1:1' }).profile.personalAccessTokens;

describe('generated client types', () => {
  it('list returns the typed envelope and listAll yields tokens', () => {
    expectTypeOf(tokens.list).returns.resolves.toEqualTypeOf<PersonalAccessTokenListResponse>();
    expectTypeOf<PersonalAccessTokenListResponse['data']>().toEqualTypeOf<PersonalAccessToken[] | undefined>();
    expectTypeOf(tokens.listAll).returns.toEqualTypeOf<AsyncIterableIterator<PersonalAccessToken>>();
  });

  it('create and update reject read-only fields', () => {
    expectTypeOf<PersonalAccessTokenUpdateParams>().toEqualTypeOf<{ label?: string }>();
    expectTypeOf<keyof PersonalAccessTokenCreateParams>().toEqualTypeOf<'expiry' | 'label' | 'scopes'>();
    const reject = () => {
      // @ts-expect-error id is read-only
      void tokens.update(1, { id: 5 });
      // @ts-expect-error token is read-only
      void tokens.create({ label: 'x', token: 'abc' });
      // @ts-expect-error tokenId is a number
      void tokens.get('123');
    };
    expectTypeOf(reject).toBeFunction();
  });

  it('filter accepts only filterable fields', () => {
    const ok = () => tokens.list({ filter: { label: 'ci', '+order_by': 'created', '+order': 'desc' } });
    const bad = () => {
      // @ts-expect-error scopes is not filterable
      void tokens.list({ filter: { scopes: '*' } });
      // @ts-expect-error +order_by takes filterable fields only
      void tokens.list({ filter: { '+order_by': 'token' } });
    };
    expectTypeOf(ok).toBeFunction();
    expectTypeOf(bad).toBeFunction();
  });

  it('apiVersion is limited to the spec\'s values', () => {
    // @ts-expect-error v5 is not in the {apiVersion} enum
    const bad = () => createClient({ apiVersion: 'v5' });
    expectTypeOf(bad).toBeFunction();
  });
});
