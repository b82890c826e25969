/**
 * YAML (front matter, the INSERT Manifest): written by the yaml library, never by hand.
 */
import YAML from 'yaml';
import { normalizeNewlines } from './normalize.js';

/** A YAML scalar on one line (`title: <this>`): plain when that is safe, else quoted. */
export function yamlScalar(value: unknown): string {
  return YAML.stringify(value, { lineWidth: 0, blockQuote: false }).replace(/\n$/, '');
}

interface ManifestProp {
  name: string;
  value: string;
  description?: string;
}

export interface ManifestResource {
  name: string;
  props: ManifestProp[];
}

/**
 * The INSERT Manifest: a StackQL Deploy resource list with one prop per column. Descriptions
 * are folded block scalars, as the real pages show them, but written by `yaml`, so multi-paragraph
 * text, `: `, `#` and quotes stay data. The text parses back to the same values.
 */
export function manifestYaml(resources: readonly ManifestResource[], comment = ' Description fields are for documentation purposes'): string {
  const doc = new YAML.Document(
    resources.map((r) => ({
      name: r.name,
      props: r.props.map((p) => (p.description !== undefined && p.description !== '' ? { name: p.name, value: p.value, description: normalizeNewlines(p.description) } : { name: p.name, value: p.value })),
    })),
  );
  YAML.visit(doc, {
    Pair(_key, pair) {
      if (YAML.isScalar(pair.key) && pair.key.value === 'description' && YAML.isScalar(pair.value)) {
        const text = String(pair.value.value);
        // Folded scalars cannot hold lines with leading spaces or trailing spaces reliably: let yaml choose then.
        if (!/^[ \t]|[ \t]$|\n[ \t]|[ \t]\n/.test(text)) pair.value.type = 'BLOCK_FOLDED';
      }
    },
  });
  if (doc.contents) doc.contents.commentBefore = comment;
  else doc.commentBefore = comment;
  return doc.toString({ lineWidth: 0, indentSeq: true }).replace(/\n$/, '');
}
