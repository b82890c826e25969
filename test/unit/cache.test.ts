import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, readCache, writeCache } from '../../generator/cache.js';
import { resolveConfig } from '../../generator/config.js';

const mergeConfig = (config: Parameters<typeof resolveConfig>[0] = {}) => resolveConfig(config);

const templates = new Map([['client/a.ts.hbs', 'a']]);
const spec = 'openapi: 3.0.3\npaths: {}\n';

describe('cache key', () => {
  it('changes with the generator, the spec, any template, and the config that shapes output', () => {
    const base = cacheKey('gen1', spec, templates, mergeConfig());
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey('gen2', spec, templates, mergeConfig())).not.toBe(base);
    expect(cacheKey('gen1', spec + '#\n', templates, mergeConfig())).not.toBe(base);
    expect(cacheKey('gen1', spec, new Map([['client/a.ts.hbs', 'b']]), mergeConfig())).not.toBe(base);
    expect(cacheKey('gen1', spec, templates, mergeConfig({ targets: [{ name: 'client', packageName: 'x' }, 'stackql-docs'] }))).not.toBe(base);
  });

  it('does not depend on where the output goes or where the spec is', () => {
    expect(cacheKey('g', spec, templates, mergeConfig({ out: 'a', spec: 'x.yaml' }))).toBe(cacheKey('g', spec, templates, mergeConfig({ out: 'b', spec: 'y.yaml' })));
  });

  it('is not used for specs with external $refs', () => {
    expect(cacheKey('g', "components:\n  schemas:\n    A: {$ref: './other.yaml#/A'}\n", templates, mergeConfig())).toBeUndefined();
    expect(cacheKey('g', '{"$ref": "https://example.com/a.json"}', templates, mergeConfig())).toBeUndefined();
    expect(cacheKey('g', "x: {$ref: '#/components/schemas/A'}\n", templates, mergeConfig())).toBeDefined();
  });

  it('round-trips a result and ignores a corrupt entry', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'specloom-cache-'));
    try {
      await writeCache(dir, 'k', { files: [{ path: 'a', content: 'b' }], warnings: ['w'] });
      expect(await readCache(dir, 'k')).toEqual({ files: [{ path: 'a', content: 'b' }], warnings: ['w'] });
      expect(await readCache(dir, 'missing')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
