/**
 * A cache of whole generation results, keyed by the content of every input: specloom's own code,
 * the spec text, every template, and the resolved config. An unchanged run reads the result from
 * here without loading the pipeline (and the two TypeScript compilers it brings). Specs with
 * external $refs are not cached: their inputs are more than the one file.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from './config.js';
import type { TemplateFiles } from './inputs.js';
import type { EmittedFile } from './output.js';

export interface CachedResult {
  files: EmittedFile[];
  /** Warnings as printed, so a cached run says the same as the first. */
  warnings: string[];
}

const FORMAT = 1;

export function cacheKey(fingerprint: string, specText: string, templates: TemplateFiles, config: ResolvedConfig): string | undefined {
  // A $ref whose value does not start with '#' points at another file or URL.
  if (/["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"'#]/.test(specText)) return undefined;
  const hash = createHash('sha256');
  const part = (s: string) => hash.update(String(s.length)).update(':').update(s);
  part(`specloom-cache-${FORMAT}`);
  part(fingerprint);
  part(specText);
  for (const [p, text] of [...templates].sort(([a], [b]) => (a < b ? -1 : 1))) {
    part(p);
    part(text);
  }
  // What shapes the output besides the spec and templates: the profile and each target's options.
  part(JSON.stringify({ profile: config.profile, targets: config.targets.map((t) => [t.target.name, t.config]), stackql: config.stackql }));
  return hash.digest('hex');
}

export function cacheDir(root: string): string {
  return path.join(root, 'node_modules', '.cache', 'specloom');
}

export async function readCache(dir: string, key: string): Promise<CachedResult | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, `${key}.json`), 'utf8')) as CachedResult;
    return Array.isArray(parsed.files) && Array.isArray(parsed.warnings) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export async function writeCache(dir: string, key: string, result: CachedResult): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const target = path.join(dir, `${key}.json`);
    await writeFile(`${target}.tmp`, JSON.stringify(result));
    await rename(`${target}.tmp`, target);
  } catch {
    // A cache that cannot be written only costs time.
  }
}
