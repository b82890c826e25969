/** The OpenAPI document as validation hands it on (OpenAPI 3.0 §4.7.1, 3.1 §4.8.1). */

/** The parts of an OpenAPI document the later stages read; everything else passes through. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  info: Record<string, unknown>;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
};
