/**
 * The floor of the concurrency benchmark: what the machine itself costs when N trials talk to the
 * co-located model server at once, with no harness work at all. N clients each send the requests
 * a realistic trial sends (the same count, the same sizes per turn, each with as many assistant
 * messages as that turn's conversation has, so the server counts turns the same way) one after
 * another over keep-alive HTTP, read each answer and parse its JSON — the least any client does.
 *
 * Each round opens fresh connections, as a run of trials does, so the connects are in it too. A
 * harness run can be no faster than this on the same machine: its excess over the floor is the
 * harness's own, the floor's excess over the ideal belongs to the machine (the server's CPU and
 * the loopback sockets share the cores with the clients).
 */
import { Agent, request } from 'node:http';

/** One request body per turn, `sizes[t]` bytes, whose conversation holds `t` assistant messages. */
export function floorBodies(sizes: readonly number[], model: string): Buffer[] {
  return sizes.map((size, turn) => {
    const head = `{"model":${JSON.stringify(model)},"messages":[${'{"role":"assistant","content":"ok"},'.repeat(turn)}{"role":"user","content":"`;
    const tail = '"}]}';
    return Buffer.from(head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail);
  });
}

/** POSTs `body` to `url` on `agent` with node's bare HTTP client and parses the JSON answer: the least a client does. */
export function postJson(url: URL, body: Buffer, agent: Agent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        try {
          if (res.statusCode !== 200) throw new Error(`model server answered ${res.statusCode}`);
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `clients` clients at once, each sending `bodies` in turn to `url`; resolves with the wall time in ms. */
export async function runFloor(url: string, clients: number, bodies: readonly Buffer[]): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 4096 });
  const target = new URL(url);
  const client = async () => {
    for (const body of bodies) await postJson(target, body, agent);
  };
  const t0 = performance.now();
  try {
    await Promise.all(Array.from({ length: clients }, client));
    return performance.now() - t0;
  } finally {
    agent.destroy();
  }
}
