/**
 * specloom's programmatic API: `generate()` runs the pipeline from code; `defineConfig` and
 * `defineTarget` type a config file and a target of your own.
 */
export { generate, type GenerateOptions, type GenerateSummary } from './api.js';
export { defineConfig, type SpecloomConfig, type TargetEntry } from './config.js';
export { SpecloomError } from './errors.js';
export type { ApiInfo, ApiModel, Operation, SchemaNode, Server } from './ir/model.js';
export type { NameRegistry, NameScope } from './names/registry.js';
export { defineTarget, type EmitInput, type EmittedFile, type PlanInput, type RunInfo, type Target, type TemplateRenderer } from './targets/contract.js';
