/**
 * The docs tell the truth: every `deskbench …` / `npx deskbench …` line in a fenced block of
 * README.md and docs/cli.md is run against a temporary store and must do what the docs say.
 * Example values (`<trial-id>`, the example run id, `trajectory.json`) are replaced by real
 * ones made in set-up; commands that call a model run against a local server speaking the
 * OpenAI wire protocol (it refuses the key, so each stops at once with exit 4 naming the
 * local URL: the flags were accepted and the run reached the model). Every relative link of
 * both files resolves, and every command's --help has examples.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../support/llm/server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { runCli, type SpawnResult } from '../cli/spawn-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'deskbench.js');
const DOCS = ['README.md', 'docs/cli.md'] as const;
const cwd = tempDir('deskbench-docs-');
const STORE = join(cwd, 'deskbench.db');

/** One example command as the docs print it. */
interface Example {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** The `deskbench` lines of fenced blocks (`$ ` prompts and trailing `# comments` removed). */
function examplesOf(file: string): Example[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const out: Example[] = [];
  let fenced = false;
  lines.forEach((raw, i) => {
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      return;
    }
    if (!fenced) return;
    const text = raw.trim().replace(/^\$\s+/, '').replace(/\s+#\s.*$/, '').trim();
    if (/^(?:npx\s+)?deskbench(?:\s|$)/.test(text)) out.push({ file, line: i + 1, text });
  });
  return out;
}

/** The first fenced block of a language after a heading (the replay file of docs/cli.md). */
function blockAfter(file: string, heading: string, lang: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const from = text.indexOf(heading);
  expect(from, `${heading} in ${file}`).toBeGreaterThanOrEqual(0);
  const start = text.indexOf(`\`\`\`${lang}\n`, from);
  return text.slice(start + lang.length + 4, text.indexOf('\n```', start));
}

/** Splits a command line into arguments (single and double quotes). */
function argv(text: string): string[] {
  const args: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) args.push(m[1] ?? m[2] ?? m[3]!);
  return args;
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Runs the CLI in the docs' working folder, with its default store there. */
function deskbench(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<SpawnResult> {
  return new Promise((done) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', DESKBENCH_MODEL: '', DESKBENCH_DB: STORE, NO_PROXY: '127.0.0.1,localhost', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => done({ code, out, err, ms: Date.now() - t0 }));
  });
}

const MODEL_AGENT = /^(openai|anthropic|openai-compatible):/;

let refusing: ScriptedServer;
let live: ScriptedServer;
const values = new Map<string, string>();

beforeAll(async () => {
  refusing = await startScriptedServer({ protocol: 'openai-chat', script: () => ({ kind: 'error', status: 401, message: 'Incorrect API key provided' }) });
  live = await startScriptedServer({ protocol: 'openai-chat', script: () => ({ kind: 'reply', text: 'Nothing to do.', usage: { input: 20, output: 4 } }) });
  // A stored run to show and report on.
  const seeded = await deskbench(['run', '--task', 'label-stackwise-invoices,trash-old-jira-notifications', '--json']);
  expect(seeded.code, seeded.err).toBe(0);
  const finished = seeded.out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; runId: string; trialId?: string });
  values.set('<run-id>', finished[0]!.runId);
  values.set('<trial-id>', finished.find((e) => e.type === 'trial_finished')!.trialId!.slice(0, 12));
  // The run docs/cli.md resumes: stopped by a dead endpoint, resumed against a live one.
  const dead = `http://127.0.0.1:${await closedPort()}/v1`;
  const failed = await deskbench(['run', '--agent', 'openai-compatible:qwen3', '--base-url', dead, '--task', 'label-stackwise-invoices']);
  expect(failed.code, failed.err).toBe(4);
  values.set('run-20261205-101500-3f2a9c', /(run-\d{8}-\d{6}-[0-9a-f]{6})/.exec(failed.err)![1]!);
  values.set('http://127.0.0.1:8001/v1', live.baseUrl);
  // The replay file docs/cli.md shows, written where its examples read it.
  writeFileSync(join(cwd, 'trajectory.json'), blockAfter('docs/cli.md', '## Replay files', 'json'));
}, 120_000);

afterAll(async () => {
  await Promise.all([refusing?.close(), live?.close()]);
});

const EXAMPLES = DOCS.flatMap(examplesOf);

describe('example commands in README.md and docs/cli.md', () => {
  it('are found (the parser reads the docs as written)', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(10);
    expect(EXAMPLES.some((e) => e.file === 'README.md')).toBe(true);
    // Output lines that start with "deskbench:" are messages, not commands.
    expect(EXAMPLES.every((e) => !e.text.startsWith('deskbench:'))).toBe(true);
  });

  for (const ex of EXAMPLES) {
    it(`${ex.file}:${ex.line}: ${ex.text}`, async () => {
      const args = argv(ex.text).slice(ex.text.startsWith('npx') ? 2 : 1).map((a) => values.get(a) ?? a);
      const agent = args[args.indexOf('--agent') + 1] ?? '';
      if (args.includes('--agent') && MODEL_AGENT.test(agent)) {
        // A model run: against the local server, which refuses the key, it must stop at once with exit 4 naming that URL.
        const r = await deskbench(args, { OPENAI_API_KEY: 'sk-docs-example', ANTHROPIC_API_KEY: 'sk-docs-example', OPENAI_BASE_URL: refusing.baseUrl, ANTHROPIC_BASE_URL: refusing.url });
        expect(r.code, r.err).toBe(4);
        expect(r.err).toContain(`at ${refusing.baseUrl}: HTTP 401`);
        expect(r.ms).toBeLessThan(30_000);
        return;
      }
      const r = await deskbench(args);
      expect(r.code, `${args.join(' ')}\n${r.err}`).toBe(0);
      if (args.includes('--resume')) expect(r.err).toContain(`--base-url: `);
      if (args[0] === 'run' && args.includes('--agent') && agent.startsWith('replay:')) expect(r.err).not.toContain('warning');
      if (args.includes('--out')) expect(existsSync(resolve(cwd, args[args.indexOf('--out') + 1]!))).toBe(true);
    }, 180_000);
  }
});

describe('links and help', () => {
  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
  const slug = (h: string) => h.trim().toLowerCase().replace(/[`*_]/g, '').replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');

  it('every relative link of README.md and docs/cli.md reaches a file and, when it names one, a heading', () => {
    for (const file of DOCS) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const abs = path ? resolve(ROOT, dirname(file), path) : join(ROOT, file);
        expect(existsSync(abs), `${file}: ${target}`).toBe(true);
        if (anchor && abs.endsWith('.md')) {
          const headings = readFileSync(abs, 'utf8').split('\n').filter((l) => /^#{1,6}\s/.test(l)).map((l) => slug(l.replace(/^#+/, '')));
          expect(headings, `${file}: ${target}`).toContain(anchor);
        }
      }
    }
  });

  it('every command has --help with examples', async () => {
    const top = await runCli(['--help']);
    const commands = [...top.out.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['run', 'report', 'export', 'import', 'quickstart', 'check', 'show']));
    // Four at a time: each is a process start, and the machine is shared.
    for (let i = 0; i < commands.length; i += 4) {
      const batch = commands.slice(i, i + 4);
      const results = await Promise.all(batch.map((c) => runCli([c, '--help'])));
      results.forEach((r, j) => {
        expect(r.code, batch[j]).toBe(0);
        expect(r.out, `deskbench ${batch[j]} --help`).toMatch(/Examples?:\n\s+(npx |npm )?\S/);
      });
    }
  }, 180_000);
});
