/**
 * The client's README and API reference pages: clean Markdown (no HTML entities, no <<LB>>, no raw
 * HTML from the spec) and every link resolves, to a file that exists and, for #anchors, to a
 * heading in it. Checked over generated/ and the golden output of every fixture.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/pipeline.js';

const roots = ['generated/client', ...readdirSync(path.join(ROOT, 'test/golden/__golden__')).sort().map((n) => `test/golden/__golden__/${n}/client`)];

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** GitHub's heading slugs: lower case, punctuation dropped, spaces to dashes. */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) inFence = !inFence;
    const m = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
    if (m) ids.add(m[1]!.toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s/g, '-'));
  }
  return ids;
}

/** Link targets outside code blocks and code spans. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe.each(roots)('Markdown of %s', (root) => {
  const files = markdownFiles(path.join(ROOT, root));

  it('has a README and reference pages', () => {
    expect(files.some((f) => f.endsWith(`${path.sep}client${path.sep}README.md`))).toBe(true);
    expect(files.some((f) => f.includes(`${path.sep}docs${path.sep}models${path.sep}`))).toBe(true);
  });

  it('is clean: no HTML entities, no <<LB>> markers', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
      expect(text, file).not.toContain('<<LB>>');
    }
  });

  it('every link resolves', () => {
    for (const file of files) {
      for (const target of links(readFileSync(file, 'utf8'))) {
        if (/^https?:\/\//.test(target)) continue;
        const [rel, anchor] = target.split('#') as [string, string | undefined];
        const resolved = rel === '' ? file : path.resolve(path.dirname(file), rel);
        expect(existsSync(resolved), `${file} -> ${target}`).toBe(true);
        if (anchor) expect(headingIds(readFileSync(resolved, 'utf8')).has(anchor), `${file} -> ${target}`).toBe(true);
      }
    }
  });
});
