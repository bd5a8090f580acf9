// A real PostgreSQL server for the tests: the one on 127.0.0.1:5432 when this
// machine runs one (trust auth), otherwise a throwaway cluster started here
// from Debian's server binaries (installed by ensure-packages.mjs), on a free
// port, stopped at the end.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function serverBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) throw new Error('PostgreSQL server binaries are missing (Debian package postgresql); run tests/services/ensure-packages.mjs');
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return join(root, version, 'bin');
}

/**
 * Returns { url, stop }: an admin connection URL (database postgres) and a stop function.
 * With { own: true } it always starts a throwaway cluster, which a fault test may take
 * down and bring back (stopServer, startServer) without touching anyone else's server.
 */
export async function startPostgres(options = {}) {
  if (!options.own) {
    if (process.env.TANDEM_TEST_PG_URL) return { url: process.env.TANDEM_TEST_PG_URL, stop: async () => {} };
    const local = 'postgres://postgres@127.0.0.1:5432/postgres';
    // TANDEM_TEST_PG=own starts a throwaway cluster even when a local server runs (as on a fresh machine).
    if (process.env.TANDEM_TEST_PG !== 'own' && (await reachable(local))) return { url: local, stop: async () => {} };
  }

  const bin = serverBin();
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pg-'));
  const port = await freePort();
  // initdb refuses to run as root: run the server as the postgres user then.
  const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asPostgres.length > 0) {
    chmodSync(dir, 0o777);
    execFileSync('chown', ['postgres', dir]);
  }
  const run = (cmd, args) => {
    const [c, ...rest] = [...asPostgres, join(bin, cmd), ...args];
    const r = spawnSync(c, rest, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    /** Stops the server at once (clients are cut off); the data stays. */
    stopServer: async () => run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']),
    startServer: async () => run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']),
    stop: async () => {
      try {
        run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
