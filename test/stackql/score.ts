/**
 * Scores the derived StackQL mapping against the mappings people made for the Linode provider (../shared): the
 * 2025 person's CSV for four services (resource and verb), and the 2026 registry provider's two services with
 * short method names (resource, verb and method).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import YAML from 'yaml';
import { deriveRows } from '../../generator/stackql/derive.js';
import { DEFAULT_STACKQL_OPTIONS, type MethodNames } from '../../generator/stackql/types.js';
import { modelFromText } from '../helpers/pipeline.js';
import { MAPPING_2025, PROVIDER_2026, SOURCE_2025 } from '../helpers/provider.js';

interface Answer {
  service: string;
  operationId: string;
  resource: string;
  verb: string;
  method?: string;
}

interface Miss {
  operationId: string;
  expected: string;
  derived: string;
}

export interface Score {
  name: string;
  total: number;
  agreed: number;
  misses: Miss[];
}

/** The 2025 person's answers: all_services.csv. */
function answers2025(): Answer[] {
  const rows = parse(readFileSync(MAPPING_2025, 'utf8'), { columns: true }) as Record<string, string>[];
  return rows.map((r) => ({ service: r['filename']!.replace(/\.yaml$/, ''), operationId: r['operationId']!, resource: r['stackql_resource_name']!, verb: r['stackql_verb']! }));
}

/** The 2026 registry provider's answers, from its x-stackQL-resources, and its service specs without them. */
function answers2026(service: string): { answers: Answer[]; rawSpec: string } {
  const file = path.join(PROVIDER_2026, `linode/v00.00.00000/services/${service}.yaml`);
  const doc = YAML.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>>; components: Record<string, unknown> };
  const resources = doc.components['x-stackQL-resources'] as Record<string, { methods: Record<string, { operation: { $ref: string } }>; sqlVerbs: Record<string, { $ref: string }[]> }>;
  const answers: Answer[] = [];
  for (const [name, r] of Object.entries(resources)) {
    const verbOf = new Map<string, string>();
    for (const [verb, list] of Object.entries(r.sqlVerbs)) for (const ref of list) verbOf.set(ref.$ref.split('/').pop()!, verb);
    for (const [method, m] of Object.entries(r.methods)) {
      const [, p, httpMethod] = /^#\/paths\/(.*)\/(\w+)$/.exec(m.operation.$ref)!;
      const operation = doc.paths[p!.replace(/~1/g, '/').replace(/~0/g, '~')]![httpMethod!]!;
      answers.push({ service, operationId: operation.operationId, resource: name, verb: verbOf.get(method) ?? 'exec', method });
    }
  }
  delete doc.components['x-stackQL-resources'];
  return { answers, rawSpec: YAML.stringify(doc) };
}

async function score(name: string, specText: string, answers: readonly Answer[], methodNames: MethodNames): Promise<Score> {
  const { model } = await modelFromText(specText, `${name}.yaml`);
  const rows = new Map(deriveRows(model, { ...DEFAULT_STACKQL_OPTIONS, methodNames }).map((r) => [r.operation.operationId, r]));
  const misses: Miss[] = [];
  for (const a of answers) {
    const row = rows.get(a.operationId);
    const derived = row ? `${row.resource} ${row.verb}${a.method !== undefined ? ` ${row.method}` : ''}` : '(not derived)';
    const expected = `${a.resource} ${a.verb}${a.method !== undefined ? ` ${a.method}` : ''}`;
    if (derived !== expected) misses.push({ operationId: a.operationId, expected, derived });
  }
  return { name, total: answers.length, agreed: answers.length - misses.length, misses };
}

/** Every score: the 2025 services (resource and verb) and the 2026 ones (resource, verb and short method name). */
export async function allScores(): Promise<Score[]> {
  const scores: Score[] = [];
  const a2025 = answers2025();
  for (const service of ['account', 'databases', 'linode', 'profile']) {
    const text = readFileSync(path.join(SOURCE_2025, `${service}.yaml`), 'utf8');
    scores.push(await score(`2025 ${service}`, text, a2025.filter((a) => a.service === service), 'operation-id'));
  }
  for (const service of ['account', 'profile']) {
    const { answers, rawSpec } = answers2026(service);
    scores.push(await score(`2026 ${service} (short names)`, rawSpec, answers, 'short'));
  }
  return scores;
}
