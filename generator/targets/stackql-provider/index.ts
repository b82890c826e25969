/**
 * The `stackql-provider` target: the StackQL provider itself, in the registry's layout, under `stackql/` in the
 * output folder: provider.yaml and one service spec per service with its `x-stackQL-resources`, from the run's
 * StackQL mapping, the one the stackql-docs pages follow.
 */
import { z } from 'zod';
import { defineTarget } from '../contract.js';
import { emitProvider } from './emit.js';
import { planProvider, PROVIDER_VERSION, type ProviderConfig, type ProviderPlan } from './plan.js';
import { providerHelpers } from './helpers.js';

const configSchema = z.strictObject({
  version: z
    .string()
    .regex(/^v\d{2}\.\d{2}\.\d{5}$/, 'a registry version folder such as v00.00.00000')
    .default(PROVIDER_VERSION),
}) satisfies z.ZodType<ProviderConfig, unknown>;

export const stackqlProviderTarget = defineTarget<ProviderConfig, ProviderPlan>({
  name: 'stackql-provider',
  templateRoot: 'stackql-provider',
  configSchema: configSchema as unknown as z.ZodType<ProviderConfig>,
  helpers: () => [providerHelpers],
  plan: ({ model, config, names, run }) => planProvider({ model, config, names, specFile: run.specFile, stackql: run.stackql }),
  emit: ({ model, plan, templates, profile, warn }) => emitProvider(model, plan, templates, profile, (message) => warn({ message })),
});
