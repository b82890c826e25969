/**
 * The plans of the built-in targets, as the targets that depend on them read them (`plans['client']`):
 * a target's plan is its public face, so another target imports its type from here, never from the
 * target's folder.
 */
export type { ClientPlan, PlannedModel } from './client/types.js';
