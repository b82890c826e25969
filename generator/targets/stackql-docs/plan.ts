/**
 * The stackql-docs target's planner: the StackQL resource mapping and every name the docs pages use,
 * claimed in the run's name registry: the provider, service and resource names, the resource ids
 * (`linode.profile.personal_access_tokens`), method names and SQL verbs, the file paths and links, tab
 * values, in-page anchors and the provider's credentials variable.
 *
 * The mapping is the run's StackQL mapping (stackql/mapping.ts: a person's CSV, the spec's
 * `x-stackQL-resources`, or the derived one), the same the stackql-provider target writes, so the pages never
 * describe a resource the provider does not define.
 * Pure: the model and the options in, plain data out.
 */
import type { ApiModel } from '../../ir/model.js';
import { setOwn } from '../../json-pointer.js';
import { snakeCase } from '../../names/naming.js';
import type { NameRegistry, NameScope } from '../../names/registry.js';
import { headingIds } from '../../names/slug.js';
import { stackqlAuth } from '../../stackql/auth.js';
import { stackqlMapping, type MappedMethod, type MappedResource, type Mapping, type MethodResponse, type SqlVerbOrExec, type StackqlOptions } from '../../stackql/mapping.js';

export type DocsVerb = SqlVerbOrExec;
/** The order of the Methods table and of the example sections. */
export const VERB_ORDER: readonly DocsVerb[] = ['select', 'insert', 'update', 'replace', 'delete', 'exec'];

export type DocsStyle = 'current' | 'legacy';

/** The stackql-docs target's options (its `configSchema` in index.ts). */
export interface DocsConfig {
  /** The StackQL provider name (`linode`). Default: from x-stackQL-resources ids, else info.title's first word. */
  provider?: string;
  /** `current` (MDX, the 0.4.x format) or `legacy` (Markdown tables). Default: current. */
  style: DocsStyle;
}

export interface DocsPlanInput {
  model: ApiModel;
  config: DocsConfig;
  names: NameRegistry;
  /** The spec's path, for error messages. */
  specFile: string;
  /** The run's StackQL mapping options (the config's `stackql`). */
  stackql: StackqlOptions;
}

/** The templates folder of each style; a style's folder may leave a template out, the current one's is used then. */
export const STYLE_DIRS: Record<DocsStyle, string> = { current: 'stackql-docs/current', legacy: 'stackql-docs/legacy' };

export interface DocsPlan {
  style: DocsStyle;
  /** Where the mapping came from. */
  source: Mapping['source'];
  /** Template folder of the style (`stackql-docs/current`, `stackql-docs/legacy`). */
  templateDir: string;
  provider: DocsProvider;
  /** How the provider index tells StackQL to authenticate. */
  auth: DocsAuth;
  services: DocsService[];
  /** What the provider index shows: resource pages only, never index pages. */
  counts: { services: number; resources: number };
}

interface DocsAuth {
  type: 'bearer' | 'api_key' | 'basic';
  /** The environment variable that holds the credentials (`LINODE_TOKEN`), and the example's placeholder for it. */
  envVar: string;
  exampleVar: string;
  /** The scheme it comes from: its description is shown. */
  schemeKey?: string;
}

interface DocsProvider {
  /** Snake-case StackQL name (`linode`). */
  name: string;
  /** Display name (`Linode`). */
  title: string;
  /** The provider index page. */
  file: string;
}

export interface DocsService {
  name: string;
  file: string;
  /** Site path of the service index page (`/services/profile/`), as the reference pages link. */
  href: string;
  /** Sorted by name, as the service index lists them. */
  resources: DocsResource[];
}

export interface DocsResource {
  name: string;
  /** `provider.service.resource`. */
  id: string;
  idParts: [string, string, string];
  title?: string;
  file: string;
  href: string;
  /** In Methods-table order: by verb (VERB_ORDER), then as the mapping lists them. */
  methods: DocsMethod[];
  /** Anchor ids of the Parameters table rows, by parameter name. */
  parameterAnchors: Record<string, string>;
  /** Value of the INSERT section's Manifest tab (unique among the tab values). */
  manifestTab: string;
  /** Ids of the page's headings (Docusaurus slugs), which anchors must not take. */
  headingIds: string[];
}

export interface DocsMethod {
  name: string;
  verb: DocsVerb;
  /** The model operation (operationId). */
  operationId: string;
  /** Id of the method's row in the Methods table; the name links to it. */
  anchor: string;
  /** Tab value in the Fields and example tabs. */
  tabValue: string;
  response: DocsMethodResponse;
}

type DocsMethodResponse = MethodResponse;

/** The headings a resource page has, for anchor collisions (Docusaurus/github-slugger ids). */
const RESOURCE_HEADINGS = ['Overview', 'Fields', 'Methods', 'Parameters', '`SELECT` examples', '`INSERT` examples', '`UPDATE` examples', '`REPLACE` examples', '`DELETE` examples', 'Lifecycle Methods'];

/** A path segment or anchor: letters, digits, `_` and `-` only. */
function segment(name: string, fallback: string): string {
  const s = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]+|[_-]+$/g, '');
  return s.length > 0 ? s : fallback;
}

export function planDocs({ model, config, names, specFile, stackql }: DocsPlanInput): DocsPlan {
  const style = config.style;
  const provider = config.provider ?? stackql.provider;
  const mapping = stackqlMapping(model, provider !== undefined ? { ...stackql, provider } : stackql, specFile);

  const providerTitle = displayName(model, mapping.provider);
  const serviceScope = names.scope('stackql-docs/service-dirs');
  const services: DocsService[] = [];
  for (const [serviceName, resources] of [...mapping.services].sort(([a], [b]) => compare(a, b))) {
    const serviceDir = claimCaseless(serviceScope, segment(serviceName, 'default'));
    const resourceScope = names.scope(`stackql-docs/service:${serviceDir}/resource-dirs`);
    const planned: DocsResource[] = [];
    for (const r of [...resources].sort((a, b) => compare(a.name, b.name))) {
      const resourceDir = claimCaseless(resourceScope, segment(r.name, 'resource'));
      planned.push(planResource(mapping.provider, serviceName, serviceDir, resourceDir, r, names));
    }
    services.push({ name: serviceName, file: names.claimFile(`docs/services/${serviceDir}/index.md`, 'stackql-docs'), href: `/services/${serviceDir}/`, resources: planned });
  }
  return {
    style,
    source: mapping.source,
    templateDir: STYLE_DIRS[style],
    provider: { name: mapping.provider, title: providerTitle, file: names.claimFile('docs/index.md', 'stackql-docs') },
    auth: planAuth(model, mapping.provider, names),
    services,
    counts: { services: services.length, resources: services.reduce((n, s) => n + s.resources.length, 0) },
  };
}

/** The provider's auth (stackql/auth.ts), its variable claimed in the run's names. */
function planAuth(model: ApiModel, provider: string, names: NameRegistry): DocsAuth {
  const auth = stackqlAuth(model, provider);
  const envVar = names.scope('stackql-docs/env').claim(auth.envVar);
  const out: DocsAuth = { type: auth.type, envVar, exampleVar: `YOUR_${envVar}_VAR` };
  if (auth.schemeKey !== undefined) out.schemeKey = auth.schemeKey;
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** File names must not differ only in case (macOS and Windows checkouts). */
function claimCaseless(scope: NameScope, candidate: string): string {
  let name = candidate;
  for (let n = 2; scope.has(name.toLowerCase()); n++) name = `${candidate}_${n}`;
  scope.claim(name.toLowerCase());
  return name;
}

function planResource(provider: string, serviceName: string, serviceDir: string, resourceDir: string, r: MappedResource, names: NameRegistry): DocsResource {
  const file = names.claimFile(`docs/services/${serviceDir}/${resourceDir}/index.md`, 'stackql-docs');
  const order = (m: MappedMethod) => VERB_ORDER.indexOf(m.verb);
  const methods = r.methods.map((m, i) => ({ m, i })).sort((a, b) => order(a.m) - order(b.m) || a.i - b.i).map(({ m }) => m);

  const heads = headingIds(RESOURCE_HEADINGS);
  const anchors = names.scope(`stackql-docs/page:${file}/anchors`, heads);
  const parameterAnchors: Record<string, string> = {};
  // Parameter rows first: their `parameter-` ids are the reference pages' own.
  for (const m of methods) {
    for (const p of m.operation.parameters) {
      if (p.isApiVersion || Object.prototype.hasOwnProperty.call(parameterAnchors, p.name)) continue;
      setOwn(parameterAnchors, p.name, anchors.claim(`parameter-${segment(p.name, 'param')}`));
    }
  }
  const tabs = names.scope(`stackql-docs/page:${file}/tabs`);
  const planned: DocsMethod[] = methods.map((m) => {
    const base = segment(m.name, 'method');
    const anchor = anchors.has(base) || base.startsWith('parameter-') ? anchors.claim(`method-${base}`) : anchors.claim(base);
    return { name: m.name, verb: m.verb, operationId: m.operation.operationId, anchor, tabValue: tabs.claim(m.name), response: m.response };
  });
  const out: DocsResource = {
    name: r.name,
    id: `${provider}.${serviceName}.${r.name}`,
    idParts: [provider, serviceName, r.name],
    file,
    href: `/services/${serviceDir}/${resourceDir}/`,
    methods: planned,
    parameterAnchors,
    manifestTab: tabs.claim('manifest'),
    headingIds: heads,
  };
  if (r.title !== undefined) out.title = r.title;
  return out;
}

/** `Linode` for `linode` when info.title starts with it, else the name capitalized. */
function displayName(model: ApiModel, provider: string): string {
  const first = model.info.shortName;
  if (first !== undefined && snakeCase(first) === provider) return first;
  return provider.charAt(0).toUpperCase() + provider.slice(1);
}
