/**
 * Reads specloom.config.ts/.mts/.js/.mjs/.json. TypeScript configs are loaded with jiti (the
 * loader Nuxt, Tailwind and ESLint use for config files), imported only when one is present.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SpecloomConfig } from '../config.js';
import { SpecloomError } from '../errors.js';

/** The config files looked for in the working folder, first found wins. */
export const CONFIG_CANDIDATES = ['specloom.config.ts', 'specloom.config.mts', 'specloom.config.js', 'specloom.config.mjs', 'specloom.config.json'];
const KEYS = new Set(['spec', 'out', 'templates', 'client', 'docs']);

export async function loadConfigFile(cwd: string, explicit?: string): Promise<SpecloomConfig | undefined> {
  const file = explicit !== undefined ? path.resolve(cwd, explicit) : CONFIG_CANDIDATES.map((c) => path.join(cwd, c)).find((c) => existsSync(c));
  if (file === undefined) return undefined;
  const shown = path.relative(cwd, file) || file;
  if (!existsSync(file)) throw new SpecloomError('config file not found', { file: shown });
  let value: unknown;
  try {
    if (file.endsWith('.json')) value = JSON.parse(await readFile(file, 'utf8'));
    else {
      const { createJiti } = await import('jiti');
      value = await createJiti(import.meta.url, { moduleCache: false }).import(file, { default: true });
    }
  } catch (err) {
    throw new SpecloomError(`cannot read the config: ${(err as Error).message.split('\n')[0]}`, { file: shown });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SpecloomError('the config must export an object (export default { spec, out, ... })', { file: shown });
  }
  const unknownKeys = Object.keys(value).filter((k) => !KEYS.has(k));
  if (unknownKeys.length > 0) {
    throw new SpecloomError(`unknown config key${unknownKeys.length > 1 ? 's' : ''}: ${unknownKeys.join(', ')}`, { file: shown }, `Known keys: ${[...KEYS].join(', ')}.`);
  }
  return value as SpecloomConfig;
}
