/**
 * XFilter types. The @ts-expect-error lines are the type tests: `tsc -p test/runtime/tsconfig.json` (and the
 * repository's tsconfig.test.json) fail when one of them stops being an error.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { rawFilter, type RawFilter, type XFilter } from '../../templates/client/src/core/runtime.js';

/** As the generator declares filterable fields: a Pick of an openapi-typescript model (optional, read-only). */
interface Model {
  readonly id?: number;
  label?: string;
  readonly created?: string;
  tags?: string[];
  expiry?: string | null;
  is_public?: boolean;
  secret?: string;
}
type Fields = Pick<Model, 'id' | 'label' | 'created' | 'tags' | 'expiry' | 'is_public'>;
/** What a generated list method's params accept. */
type FilterParam = XFilter<Fields> | RawFilter;

const accept = (filter: FilterParam) => filter;

describe('XFilter<Fields>', () => {
  it('accepts equality, operators by field type, +and/+or, and sorting on filterable fields', () => {
    const filters: XFilter<Fields>[] = [
      { label: 'web' },
      { id: 5, is_public: true },
      { tags: 'prod' },
      { expiry: null },
      { created: { '+gte': '2024-01-01T00:00:00', '+lt': '2025-01-01T00:00:00' } },
      { id: { '+gt': 1, '+lte': 10, '+neq': 4 } },
      { label: { '+contains': 'web' } },
      { '+or': [{ label: 'a' }, { '+and': [{ id: 1 }, { label: { '+neq': 'b' } }] }] },
      { '+order_by': 'created', '+order': 'desc' },
      {},
    ];
    for (const filter of filters) accept(filter);
    expect(filters).toHaveLength(10);
  });

  it('rejects what the API cannot filter on, and values of the wrong type', () => {
    // @ts-expect-error not a filterable field
    accept({ secret: 'x' });
    // @ts-expect-error not a filterable field, next to a filterable one
    accept({ label: 'x', secret: 'x' });
    // @ts-expect-error not a filterable field, nested in +or
    accept({ '+or': [{ label: 'a' }, { secret: 'b' }] });
    // @ts-expect-error not a filterable field to sort on
    accept({ '+order_by': 'secret' });
    // @ts-expect-error sort order is asc or desc
    accept({ '+order': 'up' });
    // @ts-expect-error label is a string
    accept({ label: 5 });
    // @ts-expect-error id is a number
    accept({ id: { '+gt': '3' } });
    // @ts-expect-error +contains is for strings
    accept({ id: { '+contains': 1 } });
    // @ts-expect-error +gt makes no sense on a boolean
    accept({ is_public: { '+gt': true } });
    // @ts-expect-error unknown operator
    accept({ label: { '+like': 'x' } });
    // @ts-expect-error label cannot be null
    accept({ label: null });
    const untyped = { secret: 'x' };
    // @ts-expect-error an object with no filterable field is not a filter without rawFilter()
    accept(untyped);
    expect(true).toBe(true);
  });

  it('rawFilter() is the explicit escape hatch and sends the value as is', () => {
    const raw = rawFilter({ secret: { '+like': 'x' } });
    expectTypeOf(raw).toEqualTypeOf<RawFilter>();
    expectTypeOf(raw).toMatchTypeOf<FilterParam>();
    expectTypeOf<RawFilter>().not.toMatchTypeOf<Record<string, unknown>>();
    expect(JSON.stringify(accept(raw))).toBe('{"secret":{"+like":"x"}}');
  });

  it('types operator values from the field', () => {
    expectTypeOf<NonNullable<XFilter<Fields>['+order_by']>>().toEqualTypeOf<'id' | 'label' | 'created' | 'tags' | 'expiry' | 'is_public'>();
    expectTypeOf<XFilter<{ n: number }>>().toMatchTypeOf<{ n?: number | { '+gt'?: number } }>();
  });
});
