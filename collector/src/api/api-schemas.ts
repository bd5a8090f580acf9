// JSON schemas shared by the /api/v1 routes. Response schemas are the API
// contract: fastify serializes answers through them (a field not listed is
// not sent) and @fastify/swagger publishes them at /api/v1/openapi.json.

/** Every error answer: `{error: {code, message}}` with a stable COL_ERR_* code. */
export const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', description: 'stable error code, e.g. COL_ERR_NOT_FOUND' },
        message: { type: 'string', description: 'what is wrong, for people' },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;

/** Success schemas by status code, plus the error shape for every 4xx and 5xx answer. */
export function responses<T extends Record<number, object>>(ok: T) {
  return { ...ok, '4xx': errorSchema, '5xx': errorSchema };
}

export const nullableString = { type: ['string', 'null'] } as const;
export const isoTime = { type: 'string', format: 'date-time' } as const;
export const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;
export const stringList = { type: 'array', items: { type: 'string' } } as const;
export const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
/** A document whose shape is described elsewhere (a snapshot, rule parameters). */
export const anyObject = { type: 'object', additionalProperties: true } as const;
export const anyValue = {} as const;

export const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } as const;

export const pageProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
  offset: { type: 'integer', minimum: 0, default: 0 },
} as const;

export const pageQuery = { type: 'object', properties: pageProperties, additionalProperties: false } as const;

/** `limit`, `offset` and, when the store can count, `total`. */
export const pageFields = {
  limit: { type: 'integer' },
  offset: { type: 'integer' },
  total: { type: 'integer', description: 'matching items across all pages' },
} as const;

export const tenantSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, createdAt: isoTime },
} as const;
