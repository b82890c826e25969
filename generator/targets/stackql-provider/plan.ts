/**
 * The stackql-provider target's planner: the provider in the StackQL registry's layout, from the run's StackQL
 * mapping (the one the docs pages follow): `stackql/<provider>/v00.00.00000/provider.yaml` and one service spec
 * per service, `services/<service>.yaml`, whose `$ref` in provider.yaml is relative to the registry root
 * (`stackql/`). Every file name and resource id is claimed here, in the run's name registry.
 * Pure: the model and the options in, plain data out.
 */
import type { ApiModel, Operation } from '../../ir/model.js';
import type { NameRegistry } from '../../names/registry.js';
import { stackqlAuth, type StackqlAuth } from '../../stackql/auth.js';
import { stackqlMapping, type MethodResponse, type SqlVerbOrExec, type StackqlOptions } from '../../stackql/mapping.js';
import { SQL_VERBS } from '../../stackql/types.js';

/** The registry's version folder of a provider made from a spec (the registry numbers versions itself). */
export const PROVIDER_VERSION = 'v00.00.00000';

export interface ProviderConfig {
  /** The version folder (`v00.00.00000`). */
  version: string;
}

export interface ProviderPlan {
  provider: string;
  version: string;
  /** `stackql/<provider>/<version>/provider.yaml`. */
  providerFile: string;
  auth: StackqlAuth;
  services: ProviderService[];
}

export interface ProviderService {
  name: string;
  /** The service spec's path in the output folder. */
  file: string;
  /** Its `$ref` in provider.yaml, relative to the registry root. */
  ref: string;
  title: string;
  description: string;
  resources: ProviderResource[];
}

interface ProviderResource {
  name: string;
  /** `<provider>.<service>.<resource>`. */
  id: string;
  title: string;
  methods: ProviderMethod[];
  /** Method names by SQL verb, in the mapping's order (EXEC methods are in none). */
  sqlVerbs: Record<(typeof SQL_VERBS)[number], string[]>;
}

interface ProviderMethod {
  name: string;
  verb: SqlVerbOrExec;
  operation: Operation;
  response: MethodResponse;
}

export interface ProviderPlanInput {
  model: ApiModel;
  config: ProviderConfig;
  names: NameRegistry;
  specFile: string;
  stackql: StackqlOptions;
}

export function planProvider({ model, config, names, specFile, stackql }: ProviderPlanInput): ProviderPlan {
  const mapping = stackqlMapping(model, stackql, specFile);
  const provider = mapping.provider;
  const root = `stackql/${provider}/${config.version}`;
  const services: ProviderService[] = [];
  for (const [serviceName, resources] of [...mapping.services].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ref = `${provider}/${config.version}/services/${serviceName}.yaml`;
    const file = names.claimFile(`stackql/${ref}`, 'stackql-provider');
    services.push({
      name: serviceName,
      file,
      ref,
      title: `${serviceName} API`,
      description: `${provider} ${serviceName} API`,
      resources: resources.map((r) => {
        const sqlVerbs = Object.fromEntries(SQL_VERBS.map((v) => [v, r.methods.filter((m) => m.verb === v).map((m) => m.name)])) as ProviderResource['sqlVerbs'];
        return {
          name: r.name,
          id: `${provider}.${serviceName}.${r.name}`,
          title: r.title ?? titleOf(r.name),
          methods: r.methods.map((m) => ({ name: m.name, verb: m.verb, operation: m.operation, response: m.response })),
          sqlVerbs,
        };
      }),
    });
  }
  return { provider, version: config.version, providerFile: names.claimFile(`${root}/provider.yaml`, 'stackql-provider'), auth: stackqlAuth(model, provider), services };
}

/** `personal_access_tokens` -> `Personal Access Tokens`, as the registry titles resources. */
function titleOf(name: string): string {
  return name
    .split('_')
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
