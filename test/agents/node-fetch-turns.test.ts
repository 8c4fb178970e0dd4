/**
 * Answers that arrive together are handed over one per turn of the event loop, so a thousand
 * trials waiting on one model API never hold the loop for all their next steps at once; and
 * more requests than the old per-host socket cap are in flight together.
 */
import { startTurnTicker } from '../support/turn-ticker.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFetch } from '../../harness/agents/providers/node-fetch.ts';

const BATCH = 300; // above the 256 sockets per host the transport used to allow
let server: Server;
let base = '';
let held: Array<{ req: IncomingMessage; res: ServerResponse }> = [];
let maxHeld = 0;

beforeAll(async () => {
  // Holds every request until the whole batch is in, then answers them all in one go.
  server = createServer((req, res) => {
    held.push({ req, res });
    maxHeld = Math.max(maxHeld, held.length);
    if (held.length === BATCH) {
      for (const h of held) h.res.end(JSON.stringify({ url: h.req.url }));
      held = [];
    }
  });
  server.maxConnections = 2 * BATCH;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', BATCH * 2, r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => {
  server.closeAllConnections();
  server.close(() => r());
}));

describe('nodeFetch under many answers at once', () => {
  it('has every request of a batch larger than 256 in flight together, and hands each answer over in a loop turn of its own', async () => {
    // A ticker that re-arms itself every turn of the loop: 'T' marks a turn, 'R' an answer handed over.
    const log: string[] = [];
    const ticker = startTurnTicker(log);
    const answers = await Promise.all(Array.from({ length: BATCH }, (_, i) => nodeFetch(`${base}/r${i}`).then(async (r) => {
      log.push('R');
      return (await r.json()) as { url: string };
    })));
    ticker.stop();
    // The server saw the whole batch at once: nothing waited for a socket in the client.
    expect(maxHeld).toBe(BATCH);
    expect(answers.map((a) => a.url)).toEqual(Array.from({ length: BATCH }, (_, i) => `/r${i}`));
    // Every answer was handed over, and never two in the same turn of the loop.
    const handed = log.join('');
    expect(handed.split('R').length - 1).toBe(BATCH);
    expect(handed).not.toContain('RR');
  }, 60_000);
});
