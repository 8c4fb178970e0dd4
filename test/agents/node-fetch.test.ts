import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFetch } from '../../harness/agents/providers/node-fetch.ts';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += String(c)));
    req.on('end', () => {
      if (req.url === '/echo') {
        res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], 'x-seen-auth': String(req.headers.authorization) });
        res.end(JSON.stringify({ method: req.method, body: JSON.parse(body || 'null') }));
      } else if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 2000);
      } else {
        res.writeHead(404, { 'retry-after': '3' });
        res.end('nope');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('nodeFetch (the SDKs\' transport)', () => {
  it('sends method, headers and body and returns a standard Response', async () => {
    const res = await nodeFetch(`${base}/echo`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify({ a: 1 }) });
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get('x-seen-auth')).toBe('Bearer k');
    expect(res.headers.get('set-cookie')).toContain('a=1');
    expect(await res.json()).toEqual({ method: 'POST', body: { a: 1 } });
  });

  it('takes request headers as a Headers (what the SDKs pass) or as pairs, and keeps every Set-Cookie apart', async () => {
    for (const headers of [new Headers({ Authorization: 'Bearer h' }), [['Authorization', 'Bearer h']] as Array<[string, string]>]) {
      const res = await nodeFetch(`${base}/echo`, { method: 'POST', headers, body: '{}' });
      expect(res.headers.get('x-seen-auth')).toBe('Bearer h');
      expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
      expect(res.headers.get('content-type')).toBe('application/json');
    }
  });

  it('passes error statuses and their headers through, and handles bodiless responses', async () => {
    const res = await nodeFetch(`${base}/missing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.text()).toBe('nope');
    const empty = await nodeFetch(`${base}/empty`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('reads a body every standard way: text, JSON, bytes, blob, a stream, a clone; and once', async () => {
    const post = () => nodeFetch(`${base}/echo`, { method: 'POST', body: '{"é":"—"}' });
    const expected = { method: 'POST', body: { é: '—' } };
    const bytes = Buffer.from(JSON.stringify(expected), 'utf8');
    const a = await post();
    expect(a.bodyUsed).toBe(false);
    const copy = a.clone();
    expect(await a.text()).toBe(JSON.stringify(expected));
    expect(a.bodyUsed).toBe(true);
    await expect(a.text()).rejects.toThrow(TypeError);
    await expect(a.json()).rejects.toThrow(TypeError);
    expect(() => a.clone()).toThrow(TypeError);
    // The clone was taken before the read: its own bytes, its own status and headers.
    expect(copy.status).toBe(201);
    expect(copy.headers.get('content-type')).toBe('application/json');
    expect(await copy.json()).toEqual(expected);
    expect(Buffer.from(await (await post()).arrayBuffer()).equals(bytes)).toBe(true);
    const blob = await (await post()).blob();
    expect(blob.type).toBe('application/json');
    expect(Buffer.from(await blob.arrayBuffer()).equals(bytes)).toBe(true);
    const streamed = await post();
    expect(streamed.body).toBe(streamed.body);
    const chunks: Uint8Array[] = [];
    for await (const c of streamed.body as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect((await nodeFetch(`${base}/empty`, { method: 'DELETE' })).body).toBeNull();
  });

  it('rejects when the signal aborts mid-request, and at once when already aborted', async () => {
    const c = new AbortController();
    const p = nodeFetch(`${base}/slow`, { signal: c.signal });
    setTimeout(() => c.abort(), 50);
    const t0 = Date.now();
    await expect(p).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(1500);
    await expect(nodeFetch(`${base}/echo`, { signal: AbortSignal.abort() })).rejects.toThrow();
  });
});
