/**
 * The schemas target's emitter: the Zod expression of each planned schema (zod.ts), written through
 * templates/schemas/schemas.ts.hbs, and handed to the TypeScript service to check and format like every
 * other file of the client package.
 */
import type { Warning } from '../../errors.js';
import { tsString } from '../../escape/typescript.js';
import { isIdentifier } from '../../names/naming.js';
import { schemaTable } from '../../ir/resolve.js';
import { discriminatorValues } from '../../ir/discriminators.js';
import type { ApiModel } from '../../ir/model.js';
import type { Profile } from '../../profiles/profile.js';
import type { TypeScriptService } from '../../typescript/service.js';
import type { EmittedFile, TemplateRenderer } from '../contract.js';
import type { SchemasPlan } from './plan.js';
import { isObjectSchema, zodOf, type ZodContext } from './zod.js';

const TEMPLATE = 'schemas/schemas.ts.hbs';
/** The namespace the model types are imported under, for the annotations of recursive schemas. */
const MODELS = 'Models';

export async function emitSchemas(model: ApiModel, plan: SchemasPlan, templates: TemplateRenderer, typescript: TypeScriptService, profile: Profile, warn: (w: Warning) => void): Promise<EmittedFile[]> {
  const defined = new Set<string>();
  const ctx: ZodContext = {
    table: schemaTable(model.schemas),
    constOf: (component) => plan.componentConsts[component],
    isDefined: (name) => defined.has(name),
    annotationFormats: profile.annotationFormats,
    warn: (message, pointer) => warn({ message: `schemas: ${message}`, pointer }),
  };
  const componentOf = new Map(model.schemas.map((s) => [s.schema, s.name]));
  const discriminated = discriminatorValues(model, plan.schemas.flatMap((s) => (s.kind === 'schema' ? [s.node] : [])));
  const byConst = new Map(plan.schemas.map((s) => [s.constName, s]));
  const schemas = plan.schemas.map((s) => {
    const component = s.kind === 'schema' ? componentOf.get(s.node) : undefined;
    const values = component !== undefined ? discriminated.get(component) : undefined;
    ctx.root = s.kind === 'schema' && values ? { node: s.node, ...values } : undefined;
    // A base that is not one object (an intersection) cannot leave fields out: the base itself, which accepts them.
    const omitFrom = s.kind === 'omit' ? byConst.get(s.base) : undefined;
    if (s.kind === 'omit' && !(omitFrom?.kind === 'schema' && isObjectSchema(omitFrom.node, ctx.table) && !omitFrom.recursive)) {
      defined.add(s.constName);
      return { constName: s.constName, description: s.description, expr: s.base, annotation: undefined };
    }
    const expr = s.kind === 'omit' ? `${s.base}.omit({ ${s.omit.map((k) => `${isIdentifier(k) ? k : tsString(k)}: true`).join(', ')} })` : zodOf(s.node, ctx);
    defined.add(s.constName);
    // TypeScript cannot infer the type of a schema that contains itself: it is given its model type.
    const annotation = s.kind === 'schema' && s.recursive ? `z.ZodType<${MODELS}.${s.typeName}, ${MODELS}.${s.typeName}>` : undefined;
    return { constName: s.constName, description: s.description, expr, annotation };
  });
  const operations = plan.operations.map((op) => ({
    operationId: op.operationId,
    query: op.query.length > 0 ? `z.looseObject({ ${op.query.map((q) => `${tsString(q.wireName)}: ${zodOf(q.node, ctx)}${q.required ? '' : '.optional()'}`).join(', ')} })` : undefined,
    body: op.body,
    response: op.response,
  }));
  const text = templates.render(TEMPLATE, { schemas, operations, operationsConst: plan.operationsConst, modelsNamespace: schemas.some((s) => s.annotation) ? MODELS : undefined });
  const printed = await typescript.format([{ path: plan.file, text, origin: `template ${TEMPLATE}`, shaped: templates.builtin }]).result();
  return [{ path: plan.file, content: printed.get(plan.file)! }];
}
