/**
 * The `mocks` target: MSW handlers and data factories for the client package's API, shipped inside the
 * package as its `./mocks` subpath (msw an optional peer dependency, ^2 || ^3).
 */
import { z } from 'zod';
import { typescriptHelpers } from '../../render/typescript-helpers.js';
import { defineTarget } from '../contract.js';
import type { ClientPlan } from '../plans.js';
import { emitMocks } from './emit.js';
import { planMocks, type MocksPlan } from './plan.js';

export const mocksTarget = defineTarget<Record<string, never>, MocksPlan>({
  name: 'mocks',
  dependsOn: ['client'],
  templateRoot: 'mocks',
  configSchema: z.strictObject({}),
  helpers: ({ profile }) => [typescriptHelpers(profile.content)],
  plan: ({ model, names, plans }) => planMocks(model, plans['client'] as ClientPlan, names),
  emit: ({ model, plan, templates, typescript, profile, warn }) => emitMocks(model, plan, templates, typescript, profile, warn),
});
