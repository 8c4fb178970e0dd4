/**
 * Benchmark: median latency of drive.files.list with a realistic compound `q` over the
 * full base drive, through Workspace.invoke (validation, access checks, query, sort,
 * page, field mask), and of the full-resource reads (files.get and a page of files.list
 * with fields=*, which render every field of the File resource). Each line gives the median
 * wall time and the CPU time per call (user + system, process.cpuUsage over the timed calls),
 * which contention on a busy machine distorts far less. Run: `npx tsx bench/drive-query.ts`.
 */
import { createRng } from '../harness/core/index.ts';
import { createEmptyWorkspace, createWorkspace } from '../harness/services/workspace.ts';
import { generateCompany } from '../datasets/company/company.ts';
import { generateDrive } from '../datasets/drive/generate.ts';

const company = generateCompany(1);
const build = createEmptyWorkspace();
const t0 = performance.now();
generateDrive(build, company, createRng('base/1').fork('drive'));
const genMs = performance.now() - t0;
const ws = createWorkspace(build.toBase());
const auth = { principal: company.owner.email, tokenKind: 'user' as const };

const QUERIES = {
  compound: "(name contains 'budget' or name contains 'forecast' or fullText contains 'renewal') and mimeType != 'application/vnd.google-apps.folder' and trashed = false and modifiedTime > '2025-12-01T00:00:00Z'",
  audit: "visibility = 'anyoneWithLink' or (not 'corvidlabs.com' in readers and trashed = false)",
  browse: "trashed = false",
};

/** CPU milliseconds per call since `start` (user + system). */
function cpuPerCall(start: NodeJS.CpuUsage, calls: number): string {
  const c = process.cpuUsage(start);
  return ((c.user + c.system) / 1000 / calls).toFixed(2);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

console.log(`base drive generated in ${genMs.toFixed(1)} ms (${build.collection('drive.files').size} file records)`);
for (const [label, q] of Object.entries(QUERIES)) {
  const args = { q, orderBy: 'modifiedTime desc', pageSize: 100, fields: 'nextPageToken,files(id,name,modifiedTime,owners(emailAddress))' };
  let hits = 0;
  for (let i = 0; i < 5; i++) ws.invoke('drive.files.list', args, { face: 'tool', auth });
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    const r = ws.invoke('drive.files.list', args, { face: 'tool', auth });
    times.push(performance.now() - t);
    if (!r.ok) throw r.error;
    hits = (r.value as { files: unknown[] }).files.length;
  }
  console.log(`files.list ${label.padEnd(9)} median ${median(times).toFixed(2)} ms  cpu ${cpuPerCall(cpu0, 40)} ms  (${hits} hits on page 1)`);
}

// Full resources: every field of a File (capabilities, permissions, restrictions, a Doc's size).
const DOC_MIME = 'application/vnd.google-apps.document';
const docId = [...build.collection<{ id: string; mimeType: string; ownerEmail: string }>('drive.files').values()].find((f) => f.mimeType === DOC_MIME && f.ownerEmail === company.owner.email)?.id;
const FULL: Record<string, Record<string, unknown>> = {
  'get fields=*': { fileId: docId ?? 'root', fields: '*' },
  'list fields=*': { q: 'trashed = false', pageSize: 100, fields: '*' },
};
for (const [label, args] of Object.entries(FULL)) {
  const op = label.startsWith('get') ? 'drive.files.get' : 'drive.files.list';
  for (let i = 0; i < 5; i++) ws.invoke(op, args, { face: 'tool', auth });
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    const r = ws.invoke(op, args, { face: 'tool', auth });
    times.push(performance.now() - t);
    if (!r.ok) throw r.error;
    JSON.stringify(r.value);
  }
  console.log(`files.${label.padEnd(14)} median ${median(times).toFixed(2)} ms  cpu ${cpuPerCall(cpu0, 40)} ms`);
}
