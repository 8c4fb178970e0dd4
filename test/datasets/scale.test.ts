/**
 * `--scale N`: the haystack N times over, the base's records (and so every needle a task
 * plants on top) unchanged, the same bytes from the same seed in another process.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { baseWorkspace } from '../../datasets/base-workspace.ts';
import { MAX_SCALE, SCALE_COUNTER_FLOOR } from '../../datasets/scale/haystack-copy.ts';
import { checkScale } from '../../datasets/scale/add-copies.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';
import { TASKS } from '../../tasks/index.ts';
import { seedTask } from '../../harness/runner/seeded-task.ts';
import type { StoredEvent } from '../../harness/services/calendar/model.ts';

const HAYSTACK = ['gmail.messages', 'calendar.events', 'drive.files', 'slack.messages'] as const;
const ROOT = join(import.meta.dirname, '..', '..');

describe('scaled base workspace', () => {
  const one = baseWorkspace(1, 1);
  const three = baseWorkspace(1, 3);

  it('holds every record of scale 1 unchanged, with the same clock and counters', () => {
    expect(three.now).toBe(one.now);
    expect(three.counters).toEqual(one.counters);
    let compared = 0;
    for (const [key, records] of one.collections) {
      const scaled = three.collections.get(key)!;
      for (const [id, rec] of records) {
        if (!isDeepStrictEqual(scaled.get(id), rec)) throw new Error(`${key}/${id} differs at scale 3`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(three.hash).not.toBe(one.hash);
  });

  it('multiplies the mail, meetings, files and messages, and nothing else', () => {
    for (const [key, records] of one.collections) {
      const grown = three.collections.get(key)!.size / records.size;
      if ((HAYSTACK as readonly string[]).includes(key)) expect(grown, key).toBeGreaterThan(2.3);
      else if (key !== 'drive.permissions' && key !== 'drive.revisions') expect(three.collections.get(key)!.size, key).toBe(records.size);
    }
  });

  it('puts every copy in the past: no meeting of a copy is after the base clock, and none is sequenced', () => {
    const now = Date.parse(three.now);
    const base = one.collections.get('calendar.events')!;
    let copies = 0;
    for (const [id, raw] of three.collections.get('calendar.events')!) {
      if (base.has(id)) continue;
      const ev = raw as StoredEvent;
      copies++;
      expect(Date.parse(ev.end.dateTime ?? `${ev.end.date}T00:00:00Z`)).toBeLessThan(now);
      expect(ev.changeSeq).toBe(0);
    }
    expect(copies).toBeGreaterThan(2 * 300);
  });

  it('leaves the ids a task plants the same as at scale 1', () => {
    for (const task of TASKS.slice(0, 12)) {
      const a = seedTask(task, one, 1);
      const b = seedTask(task, three, 1);
      const wa = createWorkspace(a.base);
      const wb = createWorkspace(b.base);
      for (const key of wa.collectionKeys()) {
        const base1 = one.collections.get(key)!;
        for (const [id, rec] of a.base.collections.get(key)!) {
          if (base1.get(id) === rec) continue; // untouched base record, compared above
          expect(wb.collection(key).get(id), `${task.id}: ${key}/${id}`).toEqual(rec);
        }
      }
      expect(b.base.counters).toEqual(a.base.counters);
    }
  });

  it('draws copies\' ids from their own counter range, far from the base and task counters', () => {
    for (const n of Object.values(one.counters)) expect(n).toBeLessThan(SCALE_COUNTER_FLOOR / 10);
  });

  it('is the same from the same seed in a fresh process', () => {
    const script = "import { baseWorkspace } from './datasets/base-workspace.ts'; process.stdout.write(baseWorkspace(1, 3).hash);";
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe(three.hash);
  }, 150_000);

  it('refuses a scale outside 1..MAX_SCALE with a usage error naming the bounds', () => {
    for (const bad of [0, -1, 1.5, MAX_SCALE + 1, Number.NaN]) {
      expect(() => checkScale(bad)).toThrow(new RegExp(`from 1 to ${MAX_SCALE}`));
    }
    expect(() => baseWorkspace(1, 0)).toThrow(/scale must be a whole number/);
  });
});
