/**
 * Reading the inputs: the spec text and the templates (built-in, then the user's on top). Kept
 * apart from the pipeline so the CLI can read and hash them without loading the pipeline.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecloomError } from './errors.js';

/**
 * Template sources by path relative to the templates folder ("client/src/index.ts.hbs"). `userPaths`: the
 * paths the user's folder replaced or added; a map without it is taken as all the user's.
 */
export interface TemplateFiles extends ReadonlyMap<string, string> {
  readonly userPaths?: ReadonlySet<string>;
}

/** The folder specloom is installed in (holding templates/), from source or from dist/. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'templates')) && existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('specloom: cannot find its templates folder');
}

export const builtinTemplatesDir = (): string => path.join(packageRoot(), 'templates');

/**
 * What the output depends on besides the inputs: specloom's own code (hashed, so a change to the
 * generator during development is never served a stale cached result) and the versions of the
 * libraries that shape the output.
 */
export function generatorFingerprint(): string {
  const hash = createHash('sha256');
  const codeDir = path.dirname(fileURLToPath(import.meta.url));
  for (const entry of readdirSync(codeDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(js|ts)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()) {
    hash.update(entry).update(readFileSync(entry));
  }
  const require = createRequire(import.meta.url);
  for (const dep of ['openapi-typescript', 'ts-morph', 'handlebars', '@redocly/openapi-core', 'yaml']) {
    try {
      hash.update(dep).update((require(`${dep}/package.json`) as { version: string }).version);
    } catch {
      hash.update(dep).update('?');
    }
  }
  return hash.digest('hex');
}

/**
 * Built-in templates, then the user's folder on top: a file there replaces the built-in one with
 * the same relative path (client/src/resource.ts.hbs), or adds a file.
 */
export async function loadTemplates(overrideDir?: string, cwd = process.cwd()): Promise<TemplateFiles> {
  const files = new Map<string, string>();
  await readTree(builtinTemplatesDir(), files);
  const user = new Map<string, string>();
  if (overrideDir !== undefined) {
    const dir = path.resolve(cwd, overrideDir);
    if (!existsSync(dir)) {
      throw new SpecloomError('templates folder not found', { file: overrideDir }, "Pass a folder laid out like specloom's templates/ (client/..., docs/...).");
    }
    await readTree(dir, user);
  }
  // A user's file identical to the built-in one changes nothing.
  const userPaths = new Set([...user].filter(([p, text]) => files.get(p) !== text).map(([p]) => p));
  for (const [p, text] of user) files.set(p, text);
  return Object.assign(files, { userPaths });
}

async function readTree(root: string, into: Map<string, string>): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of paths) into.set(path.relative(root, file).split(path.sep).join('/'), await readFile(file, 'utf8'));
}

/** The spec as read: its text and, for a StackQL provider, the provider file and its services' files. */
export interface SpecSource {
  /** The spec path as given, or the provider.yaml inside the folder given. */
  file: string;
  text: string;
  absolutePath: string;
  provider?: import('./load/provider.js').ProviderSources;
}

/** Whether a spec text is a StackQL provider document (`providerServices`, no `openapi`), before parsing it. */
function looksLikeProvider(text: string): boolean {
  return /^["']?providerServices["']?\s*:/m.test(text) && !/^\s*["']?openapi["']?\s*:/m.test(text);
}

/**
 * Reads the spec: an OpenAPI document, or a StackQL provider (provider.yaml, or the folder holding it) with every
 * service file it lists.
 */
export async function readSpecText(file: string, cwd: string): Promise<SpecSource> {
  let absolutePath = path.resolve(cwd, file);
  let shown = file;
  const folder = await providerFileIn(absolutePath);
  if (folder !== undefined) {
    absolutePath = folder;
    shown = path.join(file, path.basename(folder));
  }
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SpecloomError(
      code === 'ENOENT' ? 'spec file not found' : code === 'EISDIR' ? 'the spec is a folder without a provider.yaml' : `cannot read the spec file (${code ?? 'unknown error'})`,
      { file },
      'Pass an OpenAPI 3.0 or 3.1 document (or a StackQL provider.yaml) with --spec FILE, or set "spec" in specloom.config.',
    );
  }
  if (!looksLikeProvider(text)) return { file: shown, text, absolutePath };
  const { readProviderSources } = await import('./load/provider.js');
  return { file: shown, text, absolutePath, provider: await readProviderSources(shown, absolutePath, text, cwd) };
}

/** The provider file in a folder given as the spec, if the spec is a folder holding one. */
async function providerFileIn(absolutePath: string): Promise<string | undefined> {
  const info = await stat(absolutePath).catch(() => undefined);
  if (!info?.isDirectory()) return undefined;
  for (const name of ['provider.yaml', 'provider.yml', 'provider.json']) {
    const candidate = path.join(absolutePath, name);
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
  }
  return undefined;
}

/** The mapping CSV the config names (`stackql.mapping`, `--stackql-mapping`), read whole. */
export async function readMappingCsv(file: string | undefined, cwd: string): Promise<{ file: string; text: string } | undefined> {
  if (file === undefined) return undefined;
  try {
    return { file, text: await readFile(path.resolve(cwd, file), 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SpecloomError(code === 'ENOENT' ? 'mapping CSV not found' : `cannot read the mapping CSV (${code ?? 'unknown error'})`, { file }, "Write one with 'specloom stackql mapping --spec <spec> --out mapping.csv', or drop stackql.mapping.");
  }
}
