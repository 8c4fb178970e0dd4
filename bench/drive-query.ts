/**
 * Benchmark: median latency of drive.files.list with a realistic compound `q` over the
 * full base drive, through Workspace.invoke (validation, access checks, query, sort,
 * page, field mask), and of the full-resource reads (files.get and a page of files.list
 * with fields=*, which render every field of the File resource). Each line gives the median
 * wall time and the CPU time per call (user + system, process.cpuUsage over the timed calls),
 * which contention on a busy machine distorts far less.
 *
 * Then the realistic trial's two Drive calls (bench/support/realistic-trial.ts: files.list with
 * `name contains 'plan' and trashed = false`, 20 files with owners, and files.get with
 * fields=*) on the realistic task seeded over the base at each scale given, through the base's
 * indexes and through the scan they replace, alternating rounds in the same process.
 * Run: `npx tsx bench/drive-query.ts [scales, default 1]`, e.g. `… 1,10,100` (100× needs
 * `node --max-old-space-size=8192 --import tsx bench/drive-query.ts 1,10,100` and minutes to build).
 */
import { createRng } from '../harness/core/index.ts';
import { createEmptyWorkspace, createWorkspace } from '../harness/services/workspace.ts';
import { generateCompany } from '../datasets/company/company.ts';
import { generateDrive } from '../datasets/drive/generate.ts';
import { baseWorkspace } from '../datasets/base-workspace.ts';
import { seedTask } from '../harness/runner/seeded-task.ts';
import { driveIndexing } from '../harness/services/drive/file-index.ts';
import { SCANS_BEFORE_INDEX } from '../harness/services/index-policy.ts';
import { REALISTIC_TASK } from './support/realistic-trial.ts';

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

// The realistic trial's Drive calls at each scale, indexed and scanned in alternating rounds.
const SCALES = (process.argv[2] ?? '1').split(',').map(Number);
const ROUNDS = 3;
const CALLS = 100;
for (const scale of SCALES) {
  const b0 = performance.now();
  const seeded = seedTask(REALISTIC_TASK, baseWorkspace(1, scale), 1).base;
  const trial = createWorkspace(seeded);
  const fileCount = trial.collection('drive.files').size;
  console.log(`\nscale ${scale}: ${fileCount} files, base built and task seeded in ${((performance.now() - b0) / 1000).toFixed(1)} s`);
  const firstFile = [...trial.collection<{ id: string; mimeType: string }>('drive.files').values()].find((f) => f.mimeType !== 'application/vnd.google-apps.folder')!.id;
  const calls: Array<[string, string, Record<string, unknown>]> = [
    ['list name contains plan', 'drive.files.list', { q: "name contains 'plan' and trashed = false", pageSize: 20, fields: 'files(id,name,mimeType,owners,modifiedTime)' }],
    ['get fields=*', 'drive.files.get', { fileId: firstFile, fields: '*' }],
  ];
  // One of the first calls builds the base's indexes (once per base, shared by its trials): at
  // once for a large base, after the policy's few scans for a small one.
  let slowest = 0;
  for (let i = 0; i <= SCANS_BEFORE_INDEX; i++) {
    const t = performance.now();
    trial.invoke(calls[0]![1], calls[0]![2], { face: 'tool', auth });
    slowest = Math.max(slowest, performance.now() - t);
  }
  console.log(`slowest of the first ${SCANS_BEFORE_INDEX + 1} lists (one builds the indexes): ${slowest.toFixed(1)} ms`);
  const results = new Map<string, { times: number[]; cpu: number; calls: number; answer: string }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ['index', 'scan'] as const) {
      driveIndexing.enabled = mode === 'index';
      // The scan costs up to a second a call at 100×: fewer calls there.
      const n = mode === 'scan' ? Math.max(5, Math.round(CALLS / scale)) : CALLS;
      for (const [label, op, args] of calls) {
        for (let i = 0; i < 3; i++) trial.invoke(op, args, { face: 'tool', auth });
        const key = `${label} ${mode}`;
        const r = results.get(key) ?? { times: [], cpu: 0, calls: 0, answer: '' };
        const cpu0 = process.cpuUsage();
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          const out = trial.invoke(op, args, { face: 'tool', auth });
          r.times.push(performance.now() - t);
          if (!out.ok) throw out.error;
          if (i === 0) r.answer = JSON.stringify(out.value);
        }
        const c = process.cpuUsage(cpu0);
        r.cpu += (c.user + c.system) / 1000;
        r.calls += n;
        results.set(key, r);
      }
    }
  }
  driveIndexing.enabled = true;
  for (const [label] of calls) {
    const idx = results.get(`${label} index`)!;
    const scan = results.get(`${label} scan`)!;
    if (idx.answer !== scan.answer) throw new Error(`${label}: the index and the scan answered differently`);
    const line = (r: typeof idx) => `median ${median(r.times).toFixed(3)} ms, cpu ${(r.cpu / r.calls).toFixed(3)} ms`;
    console.log(`${label.padEnd(24)} index ${line(idx)} | scan ${line(scan)} (same answer)`);
  }
}
