/**
 * Configuration, in one cascade: built-in defaults < specloom.config.ts/.json < CLI flags.
 * This module only describes and merges; reading the config file happens in the CLI.
 */

export interface SpecloomConfig {
  /** The OpenAPI document to read. Default: spec/linode-tokens.yaml. */
  spec?: string;
  /** The output folder. Default: generated. */
  out?: string;
  /** A folder whose files override the built-in templates by relative path (templates/client/..., templates/docs/...). */
  templates?: string;
  client?: {
    /** npm package name of the generated client. Default: from info.title ("Linode API" -> "linode-api"). */
    packageName?: string;
    /** Package version. Default: info.version. */
    packageVersion?: string;
    /** Prefix of API-specific names (LinodeApiError, LINODE_TOKEN). Default: info.title's first word. */
    name?: string;
    /** SPDX license id of the package. Default: from info.license. */
    license?: string;
  };
  docs?: {
    /** StackQL provider name (`linode`). Default: from x-stackQL-resources ids, else info.title's first word. */
    provider?: string;
    /** `current` (MDX, StackQL docgen 0.4.x) or `legacy` (Markdown tables). Default: current. */
    style?: 'current' | 'legacy';
  };
}

export interface ResolvedConfig {
  spec: string;
  out: string;
  templates?: string;
  client: { packageName?: string; packageVersion?: string; name?: string; license?: string };
  docs: { provider?: string; style: 'current' | 'legacy' };
}

export const DEFAULT_CONFIG: ResolvedConfig = {
  spec: 'spec/linode-tokens.yaml',
  out: 'generated',
  client: {},
  docs: { style: 'current' },
};

/** Later layers win, key by key; nested objects merge. */
export function mergeConfig(...layers: (SpecloomConfig | undefined)[]): ResolvedConfig {
  const out: ResolvedConfig = { ...DEFAULT_CONFIG, client: { ...DEFAULT_CONFIG.client }, docs: { ...DEFAULT_CONFIG.docs } };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.spec !== undefined) out.spec = layer.spec;
    if (layer.out !== undefined) out.out = layer.out;
    if (layer.templates !== undefined) out.templates = layer.templates;
    if (layer.client) {
      for (const [k, v] of Object.entries(layer.client)) if (v !== undefined) (out.client as Record<string, string>)[k] = v;
    }
    if (layer.docs) {
      if (layer.docs.provider !== undefined) out.docs.provider = layer.docs.provider;
      if (layer.docs.style !== undefined) out.docs.style = layer.docs.style;
    }
  }
  return out;
}

/** Typed helper for specloom.config.ts. */
export function defineConfig(config: SpecloomConfig): SpecloomConfig {
  return config;
}
