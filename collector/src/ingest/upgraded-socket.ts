// An agent socket stays open for days; the HTTP request it was upgraded from
// is done with once the route's handler has the socket. Left as they are,
// @fastify/websocket's error listener on the socket (it holds the fastify
// request and reply) and the response still assigned to the TCP socket keep
// the request, its headers, the response and their listeners reachable for
// as long as the connection is open: kilobytes of every idle connection.
import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';

/** Lets go of the upgrade request's state; call before the socket gets its own error listener. */
export function releaseUpgradeRequest(socket: WebSocket, response: ServerResponse): void {
  // ws closes the socket on an error whatever its listeners do; the session logs it.
  socket.removeAllListeners('error');
  const tcp = response.socket;
  if (tcp) response.detachSocket(tcp);
}
