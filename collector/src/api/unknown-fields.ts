// A field the API does not know is an error, never silently dropped: a typo
// (`expireInHours`) would otherwise be accepted and ignored. Body and query
// schemas are closed by default, here, once for every route; a schema that
// means to accept any field says `additionalProperties: true` (or gives a
// schema for them). ajv runs with removeAdditional off, so a closed schema
// refuses rather than strips.
import type { FastifyInstance } from 'fastify';

type Schema = Record<string, unknown>;

/** An object schema with no word on extra fields is closed. */
function closed(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  const s = schema as Schema;
  if (s.type === 'object' && s.properties !== undefined && s.additionalProperties === undefined && s.patternProperties === undefined) {
    return { ...s, additionalProperties: false };
  }
  return s;
}

export function refuseUnknownFields(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.schema) return;
    const schema = route.schema as Schema;
    route.schema = { ...schema, ...(schema.body ? { body: closed(schema.body) } : {}), ...(schema.querystring ? { querystring: closed(schema.querystring) } : {}) };
  });
}

interface Problem { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> }

/** One message naming every problem and where: `body: unknown field "expireInHours"`. */
export function validationMessage(where: string, problems: Problem[]): string {
  return problems.map((v) => {
    const at = `${where}${v.instancePath || ''}`;
    if (v.keyword === 'additionalProperties' && v.params && 'additionalProperty' in v.params) return `${at}: unknown field "${String(v.params.additionalProperty)}"`;
    return `${at}: ${v.message ?? 'is invalid'}`;
  }).join('; ');
}
