/** The stackql-provider target's template helpers: YAML scalars, through escape/yaml.ts. */
import { yamlScalar } from '../../escape/yaml.js';
import type { HandlebarsEnv } from '../../render/engine.js';

export function providerHelpers(hb: HandlebarsEnv): void {
  hb.registerHelper('yaml', (v: unknown) => new hb.SafeString(yamlScalar(v)));
}
