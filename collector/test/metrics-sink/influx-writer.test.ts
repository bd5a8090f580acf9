// The writer's bounds against a local HTTP server following InfluxDB's write
// API contract (204 on success, 400 for a bad point): one that hangs, one that
// refuses, one that accepts. Whatever the server does, what waits in memory
// stays within maxBufferPoints, and every point ends counted: written or
// dropped, with its reason.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInfluxWriter } from '../../src/metrics-sink/influx-writer.js';
import type { InfluxConfig } from '../../src/metrics-sink/index.js';
import type { MetricPoint } from '../../src/metrics-sink/index.js';

let mode: 'hang' | 'refuse' | 'accept' = 'accept';
const received: string[] = [];
let requests = 0;
const hanging: ServerResponse[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      if (req.url?.includes('bucket=refused')) requests++;
      if (mode === 'hang') return void hanging.push(res);
      if (mode === 'refuse') return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"invalid","message":"unable to parse"}');
      received.push(...body.split('\n').filter(Boolean));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const quiet = { warn: () => {}, info: () => {}, debug: () => {} };
const config = (over: Partial<InfluxConfig> = {}): InfluxConfig => ({
  url, org: 'msp', bucket: 'endpoints', token: 'env:X', batchSize: 50, flushIntervalMs: 20, maxBufferPoints: 100, maxRetries: 1, retryDelayMs: 50, ...over,
});
const point = (i: number): MetricPoint => ({ measurement: 'tandem_disk', tags: { tenant: 'acme', device: `d${i}`, site: '(none)', mount: '/' }, fields: { used_percent: i, free_bytes: 1000 - i }, time: 1_796_000_000_000 + i });
const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
};

describe('InfluxDB writer', () => {
  it('writes line protocol with the token, tags and float fields, and counts what was written', async () => {
    mode = 'accept';
    received.length = 0;
    const writer = createInfluxWriter(config(), 'tok-abcdefgh-1234', quiet);
    writer.write([point(1), point(2)]);
    await until(() => writer.stats().written === 2);
    expect(received).toEqual([
      'tandem_disk,device=d1,mount=/,site=(none),tenant=acme free_bytes=999,used_percent=1 1796000000001',
      'tandem_disk,device=d2,mount=/,site=(none),tenant=acme free_bytes=998,used_percent=2 1796000000002',
    ]);
    expect(writer.stats()).toEqual({ written: 2, pending: 0, dropped: { buffer_full: 0, retries_exhausted: 0, rejected: 0 } });
    await writer.close();
    await writer.close();
  });

  it('holds at most maxBufferPoints while the server hangs, and drops the rest as buffer_full', async () => {
    mode = 'hang';
    const writer = createInfluxWriter(config({ maxBufferPoints: 100 }), 'tok-abcdefgh-1234', quiet);
    for (let i = 0; i < 1000; i++) writer.write([point(i)]);
    const s = writer.stats();
    expect(s.pending).toBe(100);
    expect(s.dropped.buffer_full).toBe(900);
    expect(s.written).toBe(0);
    await writer.close();
  });

  it('counts points the server refuses as rejected, without retrying them', async () => {
    mode = 'refuse';
    requests = 0;
    // Its own bucket: the requests of earlier writers (still hanging) are not counted.
    const writer = createInfluxWriter(config({ bucket: 'refused' }), 'tok-abcdefgh-1234', quiet);
    writer.write([point(1), point(2), point(3)]);
    await until(() => writer.stats().dropped.rejected === 3);
    expect(writer.stats()).toMatchObject({ written: 0, pending: 0, dropped: { rejected: 3, retries_exhausted: 0 } });
    // One request for the batch; a refused point is not sent again.
    await new Promise((r) => setTimeout(r, 200));
    expect(requests).toBe(1);
    await writer.close();
  });

  it('counts points as retries_exhausted when the server stays unreachable', async () => {
    const writer = createInfluxWriter(config({ url: 'http://127.0.0.1:9', maxRetries: 1, retryDelayMs: 20 }), 'tok-abcdefgh-1234', quiet);
    writer.write([point(1), point(2)]);
    await until(() => writer.stats().dropped.retries_exhausted === 2);
    expect(writer.stats()).toMatchObject({ written: 0, pending: 0, dropped: { retries_exhausted: 2 } });
    await writer.close();
  });
});
