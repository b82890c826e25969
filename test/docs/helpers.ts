/**
 * Test helpers for the stackql-docs target: its pages and plan for a spec file or text (the pipeline run
 * with that target alone), and its planner on a model.
 */
import path from 'node:path';
import { DEFAULT_STACKQL_OPTIONS } from '../../generator/stackql/types.js';
import { readFileSync } from 'node:fs';
import { NameRegistry } from '../../generator/names/registry.js';
import { planDocs, type DocsConfig, type DocsPlan } from '../../generator/targets/stackql-docs/plan.js';
import { generateFromText, ROOT } from '../helpers/pipeline.js';
import type { ApiModel } from '../../generator/ir/model.js';

export const LINODE = path.join(ROOT, 'spec/linode-tokens.yaml');
export const ACME = path.join(import.meta.dirname, 'fixtures/acme.yaml');
/** ../shared beside the repository: the StackQL provider spec the reference pages (docs-0.4.7/profile) were made from, and the pages. */
export const SHARED = path.resolve(ROOT, '../shared');
export const REFERENCE = path.join(SHARED, 'reference/stackql/profile.provider.yaml');
export const REFERENCE_PAGES = path.join(SHARED, 'reference/stackql/docs-0.4.7');
/** The docgen's page for the tokens resource (the defects show in it). */
export const SEED = path.join(SHARED, 'seeds/stackql-personal_access_tokens.mdx');

export type DocsOptions = Partial<DocsConfig>;

/** The docs plan of a model, as the target plans it (a fresh name registry). */
export function docsPlanOf(model: ApiModel, options: DocsOptions & { specFile?: string } = {}): DocsPlan {
  const { specFile = 'spec', ...config } = options;
  return planDocs({ model, config: { style: 'current', ...config }, names: new NameRegistry(), specFile, stackql: DEFAULT_STACKQL_OPTIONS });
}

export async function docsOfText(text: string, options: DocsOptions = {}, file = 'spec.yaml') {
  const result = await generateFromText(text, file, { targets: [{ name: 'stackql-docs', ...options }] });
  return { model: result.model, plan: result.plans['stackql-docs'] as DocsPlan, files: result.files };
}

export async function docsOf(specPath: string, options: DocsOptions = {}) {
  return docsOfText(readFileSync(specPath, 'utf8'), options, specPath);
}
