// vitest global setup: one PostgreSQL server for the whole run; its admin URL
// reaches the tests as inject('pgAdminUrl').
import { startPostgres } from './postgres.mjs';

let server;

export async function setup({ provide }) {
  server = await startPostgres();
  provide('pgAdminUrl', server.url);
}

export async function teardown() {
  await server?.stop();
}
