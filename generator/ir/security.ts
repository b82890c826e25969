/**
 * Security Scheme Object (OpenAPI 3.0 §4.7.27) and Security Requirement Object (§4.7.30): an
 * operation's `security` replaces the document's; an empty list means no authentication.
 */
import type { SecurityRequirement, SecurityScheme } from './model.js';

export function normalizeSecuritySchemes(raw: unknown): SecurityScheme[] {
  if (raw === null || typeof raw !== 'object') return [];
  return Object.entries(raw as Record<string, Record<string, unknown>>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, s]) => {
      const scheme: SecurityScheme = { key, type: s['type'] as SecurityScheme['type'], scopes: [] };
      for (const field of ['scheme', 'bearerFormat', 'in', 'name', 'description'] as const) {
        if (typeof s[field] === 'string') scheme[field] = s[field] as string;
      }
      const flows = (s['flows'] ?? {}) as Record<string, { scopes?: Record<string, string> }>;
      const scopes = new Map<string, string>();
      for (const flow of Object.values(flows)) {
        for (const [name, description] of Object.entries(flow?.scopes ?? {})) {
          if (!scopes.has(name)) scopes.set(name, String(description));
        }
      }
      scheme.scopes = [...scopes].map(([name, description]) => ({ name, description }));
      return scheme;
    });
}

export function effectiveSecurity(operationSecurity: unknown, documentSecurity: unknown): SecurityRequirement[] {
  const list = Array.isArray(operationSecurity) ? operationSecurity : Array.isArray(documentSecurity) ? documentSecurity : [];
  return list
    .filter((req): req is Record<string, unknown> => req !== null && typeof req === 'object')
    .map((req) =>
      Object.entries(req).map(([scheme, scopes]) => ({
        scheme,
        scopes: Array.isArray(scopes) ? scopes.map(String) : [],
      })),
    );
}
