import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { googleClients } from '../support/official-clients.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'deskbench.js');

/** Reads JSON lines from a child's stdout as they arrive. */
function jsonLines(child: ReturnType<typeof spawn>) {
  const lines: unknown[] = [];
  let buf = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (d) => {
    buf += String(d);
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).trim();
      buf = buf.slice(i + 1);
      if (line.startsWith('{')) lines.push(JSON.parse(line));
      waiters.splice(0).forEach((w) => w());
    }
  });
  return {
    async next(n: number): Promise<unknown> {
      while (lines.length < n) await new Promise<void>((r) => waiters.push(r));
      return lines[n - 1];
    },
  };
}

describe('deskbench serve --task (bring your own agent)', () => {
  it('serves the seeded task to an external client and grades the final state on shutdown', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--task', 'label-stackwise-invoices', '--port', '0', '--json'], {
      stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_PROXY: '127.0.0.1,localhost' },
    });
    const out = jsonLines(child);
    const info = (await out.next(1)) as { rootUrl: string; userToken: string; task: string; instruction: string };
    expect(info.task).toBe('label-stackwise-invoices');
    expect(info.instruction).toMatch(/Vendors\/Stackwise/);

    // The "external agent": the official Gmail client doing what the instruction asks.
    const { gmail } = googleClients(info.rootUrl.replace(/\/$/, ''), info.userToken);
    // Every genuine Stackwise invoice in the inbox, this quarter's three and the older ones (the lookalike domain excluded).
    const found = await gmail.users.messages.list({ userId: 'me', q: 'from:stackwise.io subject:invoice in:inbox', maxResults: 100 });
    const ids = (found.data.messages ?? []).map((m) => m.id!);
    expect(ids).toHaveLength(23);
    const label = await gmail.users.labels.create({ userId: 'me', requestBody: { name: 'Vendors/Stackwise' } });
    await gmail.users.messages.batchModify({ userId: 'me', requestBody: { ids, addLabelIds: [label.data.id!] } });

    child.kill('SIGTERM');
    const graded = (await out.next(2)) as { task: string; actions: number; score: { score: number; checks: Array<{ passed: boolean }> } };
    expect(graded.task).toBe('label-stackwise-invoices');
    expect(graded.actions).toBe(3);
    expect(graded.score.score).toBe(1);
    expect(graded.score.checks.every((c) => c.passed)).toBe(true);
    await new Promise((r) => child.on('exit', r));
  });

  it('an unknown task id is a clear usage error', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--task', 'label-stackwise', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(err).toMatch(/unknown task id: label-stackwise/);
  });
});
