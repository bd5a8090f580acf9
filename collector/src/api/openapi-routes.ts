// The API contract as an OpenAPI document at /api/v1/openapi.json, built by
// @fastify/swagger from the routes' own JSON schemas, so it cannot drift
// from what the server validates and sends.
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { COLLECTOR_VERSION } from '../version.js';
import { anyObject, responses } from './api-schemas.js';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/** Register before any route: @fastify/swagger collects routes as they are added. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tandem collector API',
        version: COLLECTOR_VERSION,
        description: 'Endpoint monitoring for co-managed IT. Errors are `{"error": {"code", "message"}}` with a stable COL_ERR_* code.',
      },
      components: {
        securitySchemes: {
          apiToken: { type: 'http', scheme: 'bearer', description: 'an API token (tdm_...)' },
          session: { type: 'apiKey', in: 'cookie', name: 'tandem_session', description: 'a signed-in browser; changes also need the x-csrf-token header' },
        },
      },
      security: [{ apiToken: [] }, { session: [] }],
    },
    // Only the REST API is described: not the pages, health checks, or WebSocket
    // endpoints (the agent socket, the live alert stream), which OpenAPI 3.0 cannot express.
    transform: ({ schema, url, route }) => {
      const described = url.startsWith('/api/v1/') && !(route as { websocket?: boolean }).websocket;
      return { schema: (described ? schema ?? {} : { ...(schema ?? {}), hide: true }) as typeof schema, url };
    },
  });
  app.get(OPENAPI_PATH, {
    schema: { summary: 'This document', security: [], response: responses({ 200: anyObject }) },
  }, async () => app.swagger());
}
