/**
 * A local server speaking the Hugging Face Hub API paths `@huggingface/hub` uses for
 * datasets: whoami, repo create, tree listing, preupload, the git-LFS batch endpoint with
 * basic transfers, the NDJSON commit endpoint, and `resolve` downloads with ranges. It
 * keeps repos in memory and records every request so tests can assert what was sent.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Files at or above this size are sent through LFS (the real Hub decides by size and content). */
export const LFS_THRESHOLD = 4096;
/** The token the server accepts for writes. */
export const HUB_TEST_TOKEN = 'hf_deskbenchTestToken123';

/** One file of a repo. */
export interface HubFile {
  readonly content: Buffer;
  readonly lfs: boolean;
}

/** One request the server saw. */
export interface HubRequest {
  readonly method: string;
  readonly path: string;
  /** For commits: the paths each NDJSON line added (`file` inline, `lfsFile` by hash). */
  readonly committed?: { readonly inline: string[]; readonly lfs: string[] };
}

/** A running local Hub. */
export interface HubServer {
  readonly url: string;
  readonly requests: HubRequest[];
  /** `owner/name` → path → file. */
  readonly repos: Map<string, Map<string, HubFile>>;
  /** LFS objects by sha256. */
  readonly lfsObjects: Map<string, Buffer>;
  close(): Promise<void>;
}

const sha1Blob = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\u0000`).update(b).digest('hex');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pointer = (b: Buffer) => Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(b)}\nsize ${b.length}\n`);

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

/** Starts the server on 127.0.0.1 (a free port). */
export async function startHubServer(): Promise<HubServer> {
  const repos = new Map<string, Map<string, HubFile>>();
  const lfsObjects = new Map<string, Buffer>();
  const requests: HubRequest[] = [];
  let url = '';
  let commits = 0;

  const authorized = (req: IncomingMessage) => req.headers.authorization === `Bearer ${HUB_TEST_TOKEN}`;
  const repoNotFound = (res: ServerResponse) => json(res, 404, { error: 'Repository not found' }, { 'X-Error-Code': 'RepoNotFound' });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', url);
    const path = decodeURIComponent(u.pathname);
    const seen: { method: string; path: string; committed?: { inline: string[]; lfs: string[] } } = { method: req.method ?? 'GET', path };
    requests.push(seen);
    let m: RegExpMatchArray | null;

    if (req.method === 'GET' && path === '/api/whoami-v2') {
      if (!authorized(req)) return json(res, 401, { error: 'Invalid credentials in Authorization header' });
      return json(res, 200, {
        type: 'user', id: 'u1', name: 'tester', fullname: 'Test User', email: 'tester@example.com', emailVerified: true, isPro: false, orgs: [],
        canPay: false, avatarUrl: '', periodEnd: null, billingMode: 'prepaid', auth: { type: 'access_token', accessToken: { displayName: 'test', role: 'write', createdAt: '2026-01-01T00:00:00.000Z' } },
      });
    }
    if (req.method === 'POST' && path === '/api/repos/create') {
      if (!authorized(req)) return json(res, 401, { error: 'Invalid credentials' });
      const b = JSON.parse((await body(req)).toString()) as { name: string; organization: string; type: string };
      if (b.type !== 'dataset') return json(res, 400, { error: 'this test hub only hosts datasets' });
      const id = `${b.organization}/${b.name}`;
      if (repos.has(id)) return json(res, 409, { error: 'You already created this dataset repo', url: `${url}/datasets/${id}` });
      repos.set(id, new Map());
      return json(res, 200, { url: `${url}/datasets/${id}`, id });
    }
    if (req.method === 'GET' && (m = path.match(/^\/api\/datasets\/([^/]+\/[^/]+)\/tree\/([^/]+)(?:\/(.*))?$/))) {
      const repo = repos.get(m[1]!);
      if (!repo) return repoNotFound(res);
      const prefix = m[3] ? `${m[3]}/` : '';
      const entries: unknown[] = [];
      const dirs = new Set<string>();
      for (const [p, f] of [...repo.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (!p.startsWith(prefix)) continue;
        const parts = p.slice(prefix.length).split('/');
        for (let i = 1; i < parts.length; i++) dirs.add(prefix + parts.slice(0, i).join('/'));
        if (u.searchParams.get('recursive') !== 'true' && parts.length > 1) continue;
        entries.push({
          type: 'file', path: p, size: f.content.length, oid: sha1Blob(f.lfs ? pointer(f.content) : f.content),
          ...(f.lfs ? { lfs: { oid: sha256(f.content), size: f.content.length, pointerSize: pointer(f.content).length } } : {}),
        });
      }
      for (const d of [...dirs].sort()) entries.push({ type: 'directory', path: d, size: 0, oid: sha1Blob(Buffer.from(d)) });
      return json(res, 200, entries);
    }
    if (req.method === 'POST' && (m = path.match(/^\/api\/datasets\/([^/]+\/[^/]+)\/preupload\/([^/]+)$/))) {
      if (!authorized(req)) return json(res, 401, { error: 'Invalid credentials' });
      if (!repos.has(m[1]!)) return repoNotFound(res);
      const b = JSON.parse((await body(req)).toString()) as { files: Array<{ path: string; size: number }> };
      return json(res, 200, { files: b.files.map((f) => ({ path: f.path, uploadMode: f.size >= LFS_THRESHOLD ? 'lfs' : 'regular', shouldIgnore: false })) });
    }
    if (req.method === 'POST' && (m = path.match(/^\/datasets\/([^/]+\/[^/]+)\.git\/info\/lfs\/objects\/batch$/))) {
      if (!authorized(req)) return json(res, 401, { error: 'Invalid credentials' });
      const b = JSON.parse((await body(req)).toString()) as { objects: Array<{ oid: string; size: number }> };
      res.writeHead(200, { 'Content-Type': 'application/vnd.git-lfs+json' });
      return res.end(JSON.stringify({
        transfer: 'basic',
        objects: b.objects.map((o) => (lfsObjects.has(o.oid) ? { oid: o.oid, size: o.size } : { oid: o.oid, size: o.size, actions: { upload: { href: `${url}/lfs-upload/${o.oid}` } } })),
      }));
    }
    if (req.method === 'PUT' && (m = path.match(/^\/lfs-upload\/([0-9a-f]{64})$/))) {
      const data = await body(req);
      if (sha256(data) !== m[1]) return json(res, 400, { error: 'content does not match the oid' });
      lfsObjects.set(m[1]!, data);
      res.writeHead(200);
      return res.end();
    }
    if (req.method === 'POST' && (m = path.match(/^\/api\/datasets\/([^/]+\/[^/]+)\/commit\/([^/]+)$/))) {
      if (!authorized(req)) return json(res, 401, { error: 'Invalid credentials' });
      const repo = repos.get(m[1]!);
      if (!repo) return repoNotFound(res);
      const lines = (await body(req)).toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { key: string; value: Record<string, unknown> });
      const committed = { inline: [] as string[], lfs: [] as string[] };
      const next = new Map(repo);
      for (const { key, value } of lines) {
        if (key === 'file') {
          next.set(String(value.path), { content: Buffer.from(String(value.content), 'base64'), lfs: false });
          committed.inline.push(String(value.path));
        } else if (key === 'lfsFile') {
          const data = lfsObjects.get(String(value.oid));
          if (!data) return json(res, 422, { error: `LFS object ${String(value.oid)} was never uploaded` });
          next.set(String(value.path), { content: data, lfs: true });
          committed.lfs.push(String(value.path));
        } else if (key === 'deletedFile') next.delete(String(value.path));
        else if (key !== 'header') return json(res, 400, { error: `unknown commit line ${key}` });
      }
      repos.set(m[1]!, next);
      seen.committed = committed;
      const oid = createHash('sha1').update(`commit ${++commits}`).digest('hex');
      return json(res, 200, { commitOid: oid, commitUrl: `${url}/datasets/${m[1]}/commit/${oid}`, hookOutput: '' });
    }
    if (req.method === 'GET' && (m = path.match(/^\/datasets\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/))) {
      const repo = repos.get(m[1]!);
      if (!repo) return repoNotFound(res);
      const f = repo.get(m[3]!);
      if (!f) return json(res, 404, { error: 'Entry not found' }, { 'X-Error-Code': 'EntryNotFound' });
      const etag = `"${f.lfs ? sha256(f.content) : sha1Blob(f.content)}"`;
      const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(range[2] ? Number(range[2]) : f.content.length - 1, f.content.length - 1);
        res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${f.content.length}`, ETag: etag, 'Content-Type': 'application/octet-stream', 'Content-Length': String(end - start + 1) });
        return res.end(f.content.subarray(start, end + 1));
      }
      res.writeHead(200, { ETag: etag, 'Content-Type': 'application/octet-stream', 'Content-Length': String(f.content.length) });
      return res.end(f.content);
    }
    json(res, 404, { error: `no route ${req.method} ${path}` });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => json(res, 500, { error: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, repos, lfsObjects, close: () => new Promise<void>((r) => server.close(() => r())) };
}
