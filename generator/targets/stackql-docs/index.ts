/**
 * The `stackql-docs` target: StackQL provider documentation pages (provider index, service indexes,
 * resource pages) under `docs/` in the output folder, in the current (MDX) or legacy (Markdown) style.
 */
import { z } from 'zod';
import { defineTarget } from '../contract.js';
import { emitDocs } from './emit.js';
import { docsHelpers } from './helpers.js';
import { planDocs, STYLE_DIRS, type DocsConfig, type DocsPlan } from './plan.js';

const configSchema = z.strictObject({
  provider: z.string().min(1).optional(),
  style: z.enum(['current', 'legacy']).default('current'),
}) satisfies z.ZodType<DocsConfig, unknown>;

export const stackqlDocsTarget = defineTarget<DocsConfig, DocsPlan>({
  name: 'stackql-docs',
  templateRoot: 'stackql-docs',
  configSchema: configSchema as unknown as z.ZodType<DocsConfig>,
  // A style's partials are its own, over the current style's (which the legacy style falls back to).
  partialRoots: (config) => (config.style === 'current' ? [STYLE_DIRS.current] : [STYLE_DIRS.current, STYLE_DIRS[config.style]]),
  helpers: () => [docsHelpers],
  plan: ({ model, config, names, run }) => planDocs({ model, config, names, specFile: run.specFile, stackql: run.stackql }),
  emit: ({ model, plan, templates, profile }) => emitDocs(model, plan, templates, profile.content),
});

export type { DocsConfig, DocsPlan } from './plan.js';
