/**
 * The mocks target's emitter: each factory's value (values.ts: the spec's examples where they fit, else
 * values made to fit the schema), the operations table, through templates/mocks/mocks.ts.hbs; and the
 * runtime, copied as written. Both go to the TypeScript service like every file of the client package.
 */
import type { Warning } from '../../errors.js';
import { tsLiteral } from '../../escape/typescript.js';
import { discriminatorValues } from '../../ir/discriminators.js';
import type { ApiModel } from '../../ir/model.js';
import { resolveSchema, schemaTable } from '../../ir/resolve.js';
import { isIdentifier } from '../../names/naming.js';
import type { Profile } from '../../profiles/profile.js';
import type { TypeScriptService } from '../../typescript/service.js';
import type { EmittedFile, TemplateRenderer } from '../contract.js';
import type { MockBody, MocksPlan } from './plan.js';
import { isObjectLike, mockValue, type ValueContext } from './values.js';

const TEMPLATE = 'mocks/mocks.ts.hbs';

export async function emitMocks(model: ApiModel, plan: MocksPlan, templates: TemplateRenderer, typescript: TypeScriptService, profile: Profile, warn: (w: Warning) => void): Promise<EmittedFile[]> {
  const ctx: ValueContext = {
    table: schemaTable(model.schemas),
    discriminators: discriminatorValues(model, plan.factories.map((f) => f.node)),
    componentOf: new Map(model.schemas.map((s) => [s.schema, s.name])),
    warn: (message, pointer) => warn({ message, pointer }),
  };
  const literal = (value: unknown) => tsLiteral(value, isIdentifier);
  const factories = plan.factories.map((f) => {
    const value = mockValue(f.node, ctx);
    // The spread form only where the model type is an object type (a schema that says nothing is `unknown`).
    // (An object schema that declares nothing, `properties: {}`, is `unknown` to openapi-typescript: no spread.)
    const resolved = resolveSchema(f.node, ctx.table);
    const declares = resolved.properties.length > 0 || resolved.additionalProperties !== undefined || resolved.composition !== undefined;
    const isObject = isObjectLike(f.node, ctx.table) && declares && !resolved.nullable && value !== null && typeof value === 'object' && !Array.isArray(value);
    return { name: f.name, typeName: f.typeName, isObject, value: literal(value ?? null) };
  });
  const body = (b: MockBody) => (b === undefined ? undefined : 'factory' in b ? `() => ${b.factory}()` : `() => (${literal(mockValue(b.node, ctx) ?? null)})`);
  const operations = plan.operations.map((op) => ({
    ...op,
    itemIdField: op.idField ?? 'id',
    response: body(op.response),
    error: body(op.error),
  }));
  const { pagination } = profile;
  const text = templates.render(TEMPLATE, {
    baseUrl: plan.baseUrl,
    factories,
    operations,
    names: plan.names,
    pagination: {
      items: pagination.itemsProperty,
      page: pagination.counterProperties[0] ?? 'page',
      pages: pagination.counterProperties[1] ?? 'pages',
      results: pagination.counterProperties[2] ?? 'results',
      pageParam: pagination.pageParameter.name,
      pageSizeParam: pagination.pageSizeParameter.name,
      defaultPageSize: pagination.defaultPageSize,
    },
  });
  const runtime = new Map(templates.files()).get(plan.runtimeTemplate)!;
  const origin = `template ${TEMPLATE}`;
  const [printed] = await Promise.all([typescript.format([{ path: plan.file, text, origin, shaped: templates.builtin }]).result(), typescript.check([{ path: plan.runtimeFile, text: runtime, origin: `template ${plan.runtimeTemplate}` }]).result()]);
  return [
    { path: plan.file, content: printed.get(plan.file)! },
    { path: plan.runtimeFile, content: runtime },
  ];
}
