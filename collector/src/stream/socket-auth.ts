// Authentication details that only a browser WebSocket needs.
//
// A browser cannot set an Authorization header on a WebSocket. Signed-in
// users send their session cookie; a page signed in with an API token offers
// it as a subprotocol instead (`tandem.bearer.<token>`, next to `tandem.v1`,
// the same trick Kubernetes uses). ws answers with the first protocol
// offered, so the page offers `tandem.v1` first and the token is never echoed.
// The token is moved into the Authorization
// header before the /api/v1 preHandler runs, so it is verified exactly like
// any other bearer token.
//
// Cookies make a WebSocket open to cross-site hijacking: any page could open
// one with the user's cookie. Browsers always send Origin, so an upgrade whose
// Origin is not this collector is refused.
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { CollectorError } from '../errors.js';

export const STREAM_PROTOCOL = 'tandem.v1';
const BEARER_PROTOCOL_PREFIX = 'tandem.bearer.';

/**
 * Copies a token offered as a subprotocol into the Authorization header of a
 * stream upgrade (unless one is present). It runs on the raw upgrade request,
 * before fastify routes it, because the /api/v1 scope authenticates in its
 * own onRequest hook, ahead of any hook a route adds.
 */
export function bearerFromSubprotocol(req: IncomingMessage, path: string): void {
  const offered = req.headers['sec-websocket-protocol'];
  if (typeof offered !== 'string' || req.headers.authorization !== undefined) return;
  if ((req.url ?? '').split('?')[0] !== path) return;
  const token = offered.split(',').map((p) => p.trim()).find((p) => p.startsWith(BEARER_PROTOCOL_PREFIX));
  if (token) req.headers.authorization = `Bearer ${token.slice(BEARER_PROTOCOL_PREFIX.length)}`;
}

/** Refuses a browser upgrade from another site. Tools send no Origin and pass. */
export function requireSameOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host === null || host !== req.headers.host) {
    throw new CollectorError('COL_ERR_FORBIDDEN', `stream refused for origin ${origin}: open it from this collector's own pages`, { statusCode: 403 });
  }
}
