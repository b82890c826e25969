/**
 * How StackQL authenticates to the provider: the auth type and the environment variable that holds the
 * credentials. A StackQL provider input says it (`config.auth` of provider.yaml, kept by load/provider.ts); otherwise
 * it comes from the spec's security schemes (a bearer scheme if any, else the first declared), with the variable
 * `<PROVIDER>_TOKEN`, `_API_KEY` or `_CREDENTIALS`. The docs' provider index and the provider's provider.yaml say
 * the same.
 */
import type { ApiModel } from '../ir/model.js';
import { isRecord } from '../json-pointer.js';
import { envVarName } from '../names/naming.js';

type StackqlAuthType = 'bearer' | 'api_key' | 'basic';

export interface StackqlAuth {
  type: StackqlAuthType;
  envVar: string;
  /** The spec's scheme it comes from, if any (its description is shown). */
  schemeKey?: string;
}

const SUFFIX: Record<StackqlAuthType, string> = { bearer: 'TOKEN', api_key: 'API_KEY', basic: 'CREDENTIALS' };

export function stackqlAuth(model: ApiModel, provider: string): StackqlAuth {
  const given = providerAuth(model);
  if (given !== undefined) return { type: given.type, envVar: given.envVar ?? envVarName(provider, SUFFIX[given.type]) };
  const scheme = model.securitySchemes.find((s) => s.type === 'http' && s.scheme?.toLowerCase() === 'bearer') ?? model.securitySchemes[0];
  const type: StackqlAuthType = scheme?.type === 'apiKey' ? 'api_key' : scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'basic' ? 'basic' : 'bearer';
  const auth: StackqlAuth = { type, envVar: envVarName(provider, SUFFIX[type]) };
  if (scheme) auth.schemeKey = scheme.key;
  return auth;
}

/** The auth config of a StackQL provider input. */
function providerAuth(model: ApiModel): { type: StackqlAuthType; envVar?: string } | undefined {
  const meta = model.componentExtensions['x-stackQL-provider'];
  const config = isRecord(meta) ? (meta as { config?: unknown }).config : undefined;
  const auth = isRecord(config) ? (config as { auth?: unknown }).auth : undefined;
  if (!isRecord(auth)) return undefined;
  const { type, credentialsenvvar } = auth as { type?: unknown; credentialsenvvar?: unknown };
  const out: { type: StackqlAuthType; envVar?: string } = { type: type === 'api_key' || type === 'basic' ? type : 'bearer' };
  if (typeof credentialsenvvar === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(credentialsenvvar)) out.envVar = credentialsenvvar;
  return out;
}

