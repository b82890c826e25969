/**
 * Reads specloom.config.ts/.mts/.js/.mjs/.json. TypeScript configs are loaded with jiti (the
 * loader Nuxt, Tailwind and ESLint use for config files), imported only when one is present. What it
 * holds is checked by config.ts.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SpecloomError } from '../errors.js';

/** The config files looked for in the working folder, first found wins. */
export const CONFIG_CANDIDATES = ['specloom.config.ts', 'specloom.config.mts', 'specloom.config.js', 'specloom.config.mjs', 'specloom.config.json'];

/** The config file's export and its path as shown in messages; undefined when there is no config file. */
export async function loadConfigFile(cwd: string, explicit?: string): Promise<{ config: unknown; file: string } | undefined> {
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
  return { config: value, file: shown };
}
