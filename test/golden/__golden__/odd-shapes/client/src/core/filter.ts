// Types for the `X-Filter` header (Linode-style filtering language). Part of the specloom runtime.
//
//   { label: 'web' }                                   equals
//   { created: { '+gte': '2024-01-01T00:00:00' } }     operators: +gt +gte +lt +lte +contains +neq
//   { '+or': [{ label: 'a' }, { label: 'b' }] }        combine with +and / +or
//   { '+order_by': 'created', '+order': 'desc' }       sort
//
// `XFilter<Fields>` only accepts the filterable fields, with values of each field's type. Anything the spec does
// not describe goes through `rawFilter({...})`, so that leaving the typed path is visible in the code.

/** An array field (e.g. `tags`) is filtered by one of its elements. */
type Element<V> = V extends readonly (infer E)[] ? E : V;

/** The value a condition on a field takes: the field's type without `undefined`, an element for arrays. */
type FieldValue<V> = Element<Exclude<V, undefined>>;

/** The operators, each typed by what it makes sense for: order on numbers and strings, `+contains` on strings. */
export interface FilterOperators<V> {
  '+gt'?: Extract<V, number | string>;
  '+gte'?: Extract<V, number | string>;
  '+lt'?: Extract<V, number | string>;
  '+lte'?: Extract<V, number | string>;
  '+contains'?: Extract<V, string>;
  '+neq'?: V;
}

/** A condition on one field: a value (equality) or operators. */
export type FilterCondition<V> = FieldValue<V> | FilterOperators<FieldValue<V>>;

/** A filter over the filterable fields `Fields` (an object type, e.g. `{ label: string; created: string }`). */
export type XFilter<Fields> = { [K in keyof Fields]?: FilterCondition<Fields[K]> } & {
  '+and'?: XFilter<Fields>[];
  '+or'?: XFilter<Fields>[];
  /** Sort by one of the filterable fields. */
  '+order_by'?: keyof Fields & string;
  '+order'?: 'asc' | 'desc';
};

declare const rawFilterBrand: unique symbol;

/** An untyped filter, made with `rawFilter()`; accepted wherever a filter is. */
export interface RawFilter {
  readonly [rawFilterBrand]: true;
}

/**
 * Marks a filter as deliberately untyped: for fields or operators the spec does not describe.
 * The value is sent as given (JSON in `X-Filter`).
 */
export function rawFilter(value: Record<string, unknown>): RawFilter {
  return value as unknown as RawFilter;
}
