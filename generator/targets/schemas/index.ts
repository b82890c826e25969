/**
 * The `schemas` target: Zod 4 schemas of the client package's models, request bodies and query parameters,
 * and each operation's schemas for `createClient({ validate })`, shipped inside the client package as its
 * `./schemas` subpath (zod an optional peer dependency).
 */
import { z } from 'zod';
import { typescriptHelpers } from '../../render/typescript-helpers.js';
import { defineTarget } from '../contract.js';
import type { ClientPlan } from '../plans.js';
import { emitSchemas } from './emit.js';
import { planSchemas, type SchemasPlan } from './plan.js';

export const schemasTarget = defineTarget<Record<string, never>, SchemasPlan>({
  name: 'schemas',
  dependsOn: ['client'],
  templateRoot: 'schemas',
  configSchema: z.strictObject({}),
  helpers: ({ profile }) => [typescriptHelpers(profile.content)],
  plan: ({ model, names, plans }) => planSchemas(plans['client'] as ClientPlan, model.schemas, names),
  emit: ({ model, plan, templates, typescript, profile, warn }) => emitSchemas(model, plan, templates, typescript, profile, warn),
});
