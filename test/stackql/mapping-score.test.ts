/**
 * The derived StackQL mapping scored against the mappings people made (#15): the 2025 person's CSV for the four
 * services in ../shared (same resource and verb), and the 2026 registry provider's two services (same resource,
 * verb and short method name). The agreement is printed; the target is 85% of the operations of each set.
 */
import { describe, expect, it } from 'vitest';
import { allScores, type Score } from './score.js';

const pct = (agreed: number, total: number) => `${((100 * agreed) / total).toFixed(1)}%`;

describe('the derived mapping agrees with the people who mapped the Linode provider', () => {
  let scores: Score[];

  it('scores every service', async () => {
    scores = await allScores();
    const lines = scores.map((s) => `  ${s.name}: ${s.agreed}/${s.total} (${pct(s.agreed, s.total)})`);
    const sum = (filter: (s: Score) => boolean) => scores.filter(filter).reduce((a, s) => ({ agreed: a.agreed + s.agreed, total: a.total + s.total }), { agreed: 0, total: 0 });
    const y2025 = sum((s) => s.name.startsWith('2025'));
    const y2026 = sum((s) => s.name.startsWith('2026'));
    const all = sum(() => true);
    console.log(
      [
        'StackQL mapping agreement (resource and verb; with short names, the method too):',
        ...lines,
        `  2025, resource and verb: ${y2025.agreed}/${y2025.total} (${pct(y2025.agreed, y2025.total)})`,
        `  2026, resource, verb and short method: ${y2026.agreed}/${y2026.total} (${pct(y2026.agreed, y2026.total)})`,
        `  all: ${all.agreed}/${all.total} (${pct(all.agreed, all.total)})`,
      ].join('\n'),
    );
    expect(y2025.agreed / y2025.total).toBeGreaterThanOrEqual(0.85);
    expect(y2026.agreed / y2026.total).toBeGreaterThanOrEqual(0.85);
  }, 120_000);

  it('derives the operations every answer names (nothing left unmapped)', () => {
    for (const s of scores) expect(s.misses.filter((m) => m.derived === '(not derived)'), s.name).toEqual([]);
  });
});
