/**
 * Test helpers for the docs emitter: a template engine with the docs helpers registered (what
 * createTemplateEngine will do once it calls registerDocsHelpers), and the docs of a spec file.
 */
import path from 'node:path';
import Handlebars from 'handlebars';
import { emitDocs } from '../../generator/targets/stackql-docs/emit.js';
import { registerDocsHelpers } from '../../generator/escape/mdx.js';
import { createTemplateEngine, type TemplateEngine, type TemplateFiles } from '../../generator/render/engine.js';
import { loadTemplates } from '../../generator/pipeline.js';
import { planDocs, type DocsPlanOptions } from '../../generator/targets/stackql-docs/plan.js';
import { modelFromText, modelOf, ROOT } from '../helpers/pipeline.js';

export const LINODE = path.join(ROOT, 'spec/linode-tokens.yaml');
export const ACME = path.join(import.meta.dirname, 'fixtures/acme.yaml');
/** The StackQL provider spec the reference pages (docs-0.4.7/profile) were made from, and the pages. */
export const REFERENCE = '/work/shared/reference/stackql/profile.provider.yaml';
export const REFERENCE_PAGES = '/work/shared/reference/stackql/docs-0.4.7';
/** The docgen's page for the tokens resource (the defects show in it). */
export const SEED = '/work/shared/seeds/stackql-personal_access_tokens.mdx';

/** createTemplateEngine, with registerDocsHelpers applied to the Handlebars environment it creates. */
export function docsEngine(files: TemplateFiles): TemplateEngine {
  const original = Handlebars.create;
  Handlebars.create = function create(this: unknown) {
    const hb = original.call(Handlebars);
    registerDocsHelpers(hb);
    return hb;
  } as typeof Handlebars.create;
  try {
    return createTemplateEngine(files);
  } finally {
    Handlebars.create = original;
  }
}

let builtins: Promise<TemplateFiles> | undefined;
export function builtinTemplates(): Promise<TemplateFiles> {
  return (builtins ??= loadTemplates());
}

export async function docsOfModel(model: Awaited<ReturnType<typeof modelOf>>['model'], options: DocsPlanOptions = {}, templates?: TemplateFiles) {
  const files = templates ?? (await builtinTemplates());
  const plan = planDocs(model, options);
  return { plan, files: emitDocs(model, plan, docsEngine(files)) };
}

export async function docsOf(specPath: string, options: DocsPlanOptions = {}) {
  const { model } = await modelOf(specPath);
  return { model, ...(await docsOfModel(model, options)) };
}

export async function docsOfText(text: string, options: DocsPlanOptions = {}) {
  const { model } = await modelFromText(text);
  return { model, ...(await docsOfModel(model, options)) };
}
