/**
 * What the sandbox enforces, observed from inside: an unprivileged user with no capabilities and
 * no way to gain any, only its own processes, no network but loopback, read-only system folders,
 * exactly the environment it was given, and its own writable working folder.
 */
import { chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAgentUser, AGENT_USER } from '../../harness/agents/sandbox/agent-user.ts';
import { buildMountSteps } from '../../harness/agents/sandbox/plan.ts';
import { sandboxSupport } from '../../harness/agents/sandbox/probe.ts';
import { startSandboxed } from '../../harness/agents/sandbox/process.ts';

const rootOnly = process.getuid?.() === 0 ? describe : describe.skip;

const PROBE = [
  'echo "uid=$(id -u) gid=$(id -g) groups=$(id -G)"',
  'grep -E "^(CapEff|CapPrm|CapBnd|NoNewPrivs):" /proc/self/status',
  'echo "pids=$(ls /proc | grep -c "^[0-9]")"',
  'echo "interfaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " " | tr "\\n" ",")"',
  'echo "cwd=$(pwd)"',
  'touch /usr/deskbench-probe 2>/dev/null && echo "usr=writable" || echo "usr=read-only"',
  'touch ./made-here && echo "work=writable"',
  'echo "tmp=$(ls -A /tmp | tr "\\n" ",")"',
  'echo "root=$(ls / | tr "\\n" ",")"',
  'echo "env=$(env | cut -d= -f1 | sort | tr "\\n" ",")"',
  'su -c id root </dev/null >/dev/null 2>&1 && echo "su=worked" || echo "su=refused"',
  'echo "nproc=$(grep "Max processes" /proc/self/limits | tr -s " " | cut -d" " -f3,4)"',
].join('; ');

rootOnly('the sandbox, seen from inside', () => {
  const base = mkdtempSync(join(tmpdir(), 'deskbench-isolation-'));
  let out = '';
  let code: number | null = null;

  beforeAll(async () => {
    const support = sandboxSupport();
    if (!support.ok) throw new Error(support.reason);
    const user = ensureAgentUser();
    const priv = join(base, 'private');
    const work = join(base, 'work');
    mkdirSync(join(priv, 'root'), { recursive: true, mode: 0o700 });
    mkdirSync(work, { mode: 0o700 });
    chownSync(work, user.uid, user.gid);
    writeFileSync(join(priv, 'empty'), '');
    const p = await startSandboxed({
      privateDir: priv, programs: support.programs,
      plan: {
        root: join(priv, 'root'), uid: user.uid, gid: user.gid, workdir: work, argv: ['/bin/sh', '-c', PROBE], forwards: [], maxProcesses: 64,
        env: { PATH: '/usr/bin:/bin', HOME: work, ONLY_THIS: 'yes' },
        steps: buildMountSteps({ root: join(priv, 'root'), workdir: work, readOnly: [], hidden: [base], emptyFile: join(priv, 'empty') }),
      },
    });
    p.stdout.on('data', (d: Buffer) => (out += String(d)));
    p.stdin.end();
    const end = await p.done;
    code = end.kind === 'exited' ? end.code : null;
  }, 30_000);

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const fact = (name: string) => new RegExp(`^${name}[=:]\\s*(.*)$`, 'm').exec(out)?.[1];

  it('runs as the unprivileged agent user, without capabilities and unable to gain any', () => {
    expect(code).toBe(0);
    const user = ensureAgentUser();
    expect(AGENT_USER).toBe('deskbench-agent');
    expect(fact('uid')).toBe(`${user.uid} gid=${user.gid} groups=${user.gid}`);
    expect(user.uid).not.toBe(0);
    expect(fact('CapEff')).toBe('0000000000000000');
    expect(fact('CapPrm')).toBe('0000000000000000');
    expect(fact('CapBnd')).toBe('0000000000000000');
    expect(fact('NoNewPrivs')).toBe('1');
    expect(fact('su')).toBe('refused');
  });

  it('may hold only so many processes (a fork bomb stops there)', () => {
    expect(fact('nproc')).toBe('64 64');
  });

  it('sees only its own processes and only loopback', () => {
    expect(Number(fact('pids'))).toBeLessThanOrEqual(8);
    expect(fact('interfaces')).toBe('lo,');
  });

  it('sees the system folders read-only, an empty /tmp, its own folder writable, and nothing of the host besides', () => {
    expect(fact('usr')).toBe('read-only');
    expect(fact('work')).toBe('writable');
    expect(fact('cwd')).toBe(join(base, 'work'));
    expect(readdirSync(join(base, 'work'))).toEqual(['made-here']);
    expect(fact('tmp')).toBe(`${base.split('/')[2]},`);
    expect(fact('root')!.split(',').filter(Boolean).sort()).toEqual(expect.arrayContaining(['dev', 'etc', 'proc', 'tmp', 'usr']));
    expect(fact('root')!.split(',')).not.toContain('root');
    expect(fact('root')!.split(',')).not.toContain('work');
  });

  it('has exactly the environment it was given', () => {
    expect(fact('env')).toBe('HOME,ONLY_THIS,PATH,PWD,');
  });
});
