/** The sandbox's filesystem plan: system folders read-only, hidden paths covered, the working folder writable, nothing else. */
import { describe, expect, it } from 'vitest';
import { buildMountSteps, within, type MountStep } from '../../harness/agents/sandbox/plan.ts';

const HOST: Record<string, { kind: 'dir' | 'file' | 'symlink'; target?: string }> = {
  '/usr': { kind: 'dir' }, '/bin': { kind: 'symlink', target: 'usr/bin' }, '/lib': { kind: 'symlink', target: 'usr/lib' }, '/etc': { kind: 'dir' },
  '/opt': { kind: 'dir' }, '/etc/environment': { kind: 'file' }, '/opt/deskbench': { kind: 'dir' }, '/opt/deskbench/node_modules': { kind: 'dir' },
  '/srv/agent': { kind: 'dir' }, '/usr/local/lib/agent': { kind: 'dir' }, '/dev/null': { kind: 'file' }, '/dev/urandom': { kind: 'file' },
};

function steps(): MountStep[] {
  return buildMountSteps({
    root: '/r', workdir: '/tmp/t1/work', emptyFile: '/p/empty',
    readOnly: ['/srv/agent', '/usr/local/lib/agent', '/opt/deskbench/node_modules', '/does/not/exist'],
    hidden: ['/opt/deskbench', '/var/lib/deskbench'],
    inspect: (p) => HOST[p],
  });
}

describe('the sandbox plan', () => {
  it('builds the root from system folders (read-only), keeps merged-/usr links as links, and shows nothing else', () => {
    const s = steps();
    expect(s[0]).toEqual({ op: 'tmpfs', path: '/r', mode: '0755', sizeMb: 16, readOnly: false });
    expect(s).toContainEqual({ op: 'bind', source: '/usr', path: '/r/usr', kind: 'dir', readOnly: true });
    expect(s).toContainEqual({ op: 'bind', source: '/etc', path: '/r/etc', kind: 'dir', readOnly: true });
    expect(s).toContainEqual({ op: 'symlink', path: '/r/bin', target: 'usr/bin' });
    expect(s.filter((x) => x.op === 'bind' && x.source === '/sbin')).toEqual([]);
    expect(s.at(-1)).toEqual({ op: 'remount-ro', path: '/r' });
  });

  it('covers secrets and hidden paths inside shown folders, and shows again what is asked below them', () => {
    const s = steps();
    const i = (pred: (x: MountStep) => boolean) => s.findIndex(pred);
    expect(s).toContainEqual({ op: 'bind', source: '/p/empty', path: '/r/etc/environment', kind: 'file', readOnly: true });
    const cover = i((x) => x.op === 'tmpfs' && x.path === '/r/opt/deskbench');
    const reshow = i((x) => x.op === 'bind' && x.path === '/r/opt/deskbench/node_modules');
    expect(cover).toBeGreaterThan(0);
    expect(reshow).toBeGreaterThan(cover);
    // A hidden path outside every shown folder needs no cover: it does not exist inside.
    expect(s.some((x) => x.path.includes('/var/lib'))).toBe(false);
    // Read-only extras already visible are not bound twice; missing ones are skipped.
    expect(s.filter((x) => x.op === 'bind' && x.path === '/r/usr/local/lib/agent')).toEqual([]);
    expect(s).toContainEqual({ op: 'bind', source: '/srv/agent', path: '/r/srv/agent', kind: 'dir', readOnly: true });
    expect(s.some((x) => x.path.includes('/does/not'))).toBe(false);
  });

  it('gives a fresh /proc, a minimal /dev, an empty /tmp, and the working folder writable under it', () => {
    const s = steps();
    const tmp = s.findIndex((x) => x.op === 'tmpfs' && x.path === '/r/tmp');
    const work = s.findIndex((x) => x.op === 'bind' && x.path === '/r/tmp/t1/work');
    expect(s[work]).toEqual({ op: 'bind', source: '/tmp/t1/work', path: '/r/tmp/t1/work', kind: 'dir', readOnly: false });
    expect(work).toBeGreaterThan(tmp);
    expect(s).toContainEqual({ op: 'proc', path: '/r/proc' });
    expect(s.filter((x) => x.op === 'bind' && x.source.startsWith('/dev/')).map((x) => (x as { source: string }).source)).toEqual(['/dev/null', '/dev/urandom']);
    expect(s).toContainEqual({ op: 'remount-ro', path: '/r/dev' });
  });

  it('compares paths by whole segments', () => {
    expect(within('/opt/deskbench/x', '/opt/deskbench')).toBe(true);
    expect(within('/opt/deskbench', '/opt/deskbench')).toBe(true);
    expect(within('/opt/deskbench-other', '/opt/deskbench')).toBe(false);
    expect(within('/anything', '/')).toBe(true);
  });
});
