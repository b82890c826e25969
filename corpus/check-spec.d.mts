export interface StepResult {
  ok: boolean;
  /** Why it missed: a crash, a refusal with its message, a timeout, the first type errors, the page that failed. */
  reason?: string;
}
export interface SpecResult {
  generate: StepResult & { warnings: number; ms: number };
  typecheck: (StepResult & { ms?: number }) | undefined;
  mdx: (StepResult & { pages: number }) | undefined;
}
export function checkSpec(specFile: string, outDir: string, options?: { timeoutMs?: number }): Promise<SpecResult>;
