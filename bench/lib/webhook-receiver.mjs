// A local HTTP endpoint standing in for a team's webhook: records when each
// notification arrived (epoch ms, sub-millisecond, the clock the load
// generator stamps its sends with) and lets the bench wait for one.
import { createServer } from 'node:http';

export async function startWebhookReceiver() {
  const posts = [];
  const waiters = new Set();
  const server = createServer((req, res) => {
    const at = performance.timeOrigin + performance.now();
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { text += c; });
    req.on('end', () => {
      res.writeHead(200).end();
      let body = null;
      try { body = JSON.parse(text); } catch { /* kept as null: not a notification */ }
      const post = { at, path: req.url, body };
      posts.push(post);
      for (const w of waiters) if (w.match(post)) { waiters.delete(w); w.resolve(post); }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    posts,
    /** The first post (already received or to come) that matches, or null after `timeoutMs`. */
    waitFor(match, timeoutMs) {
      const seen = posts.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => {
        const w = { match, resolve };
        waiters.add(w);
        setTimeout(() => { if (waiters.delete(w)) resolve(null); }, timeoutMs).unref();
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
