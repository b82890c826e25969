/**
 * The `client` target: a typed TypeScript client package (services, resources, models, runtime), its
 * README and its API reference pages, under `client/` in the output folder.
 */
import { z } from 'zod';
import { typescriptHelpers } from '../../render/typescript-helpers.js';
import { defineTarget } from '../contract.js';
import { emitClient } from './emit.js';
import { clientHelpers } from './helpers.js';
import { isStaticClientFile, planClient, type ClientConfig, type ClientPlan } from './plan.js';

const configSchema = z.strictObject({
  packageName: z.string().min(1).optional(),
  packageVersion: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  license: z.string().min(1).optional(),
}) satisfies z.ZodType<ClientConfig>;

export const clientTarget = defineTarget<ClientConfig, ClientPlan>({
  name: 'client',
  templateRoot: 'client',
  configSchema,
  helpers: ({ profile }) => [typescriptHelpers(profile.content), clientHelpers(profile.content)],
  // The runtime: real TypeScript of the kind the service formats, at hand before the pipeline starts.
  warmUpFiles: (templates) =>
    [...templates]
      .filter(([p]) => isStaticClientFile(p) && p.endsWith('.ts'))
      .map(([path, text]) => ({ path, text })),
  plan: ({ model, config, names, profile, templatePaths }) => planClient({ model, config, names, profile, templatePaths }),
  emit: ({ model, plan, templates, typescript, names, stage }) => emitClient(model, plan, templates, typescript, names.entries('client'), stage),
});

export type { ClientConfig, ClientPlan } from './plan.js';
