import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { buildReport, loadRows, writeSite } from '../../reports/index.ts';
import { pickTrials } from '../../reports/render/html/trajectories.ts';
import { tempDir } from '../support/temp-dir.ts';
import { writeSyntheticStore } from './synthetic.ts';

const dir = tempDir('deskbench-site-');

describe('static site files', () => {
  it('escapes hostile stored text in the page and in the embedded data', () => {
    const db = join(dir, 'x.db');
    const evil = '</script><script>window.pwned=1</script><img src=x onerror=alert(1)>';
    writeSyntheticStore(db, { entries: [{ model: evil, skills: true, meta: true, ability: 0, unsafeRate: 0.2 }], tasks: 3, repeats: 2, seed: 1, rich: true });
    const store = openRunStore(db, { create: false });
    const rows = loadRows(store, [], {});
    const report = buildReport(rows, { db, runs: [], filter: {}, resamples: 200 });
    const out = join(dir, 'site');
    const res = writeSite(out, report, { rows, loadTrial: (id) => store.getTrial(id), trajectories: 2 });
    store.close();
    expect(res.trajectories).toBe(2);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toContain(evil);
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;window.pwned=1');
    expect(html.match(/<script/g)).toHaveLength(2); // data.js and the inline viewer, nothing injected
    const data = readFileSync(join(out, 'data.js'), 'utf8');
    expect(data).not.toMatch(/<\/script/i);
    const files = readdirSync(join(out, 'trajectories'));
    expect(files).toEqual(['t00000.js', 't00001.js']);
    const traj = readFileSync(join(out, 'trajectories', files[0]!), 'utf8');
    expect(traj.startsWith('window.deskbenchTrajectory({')).toBe(true);
    expect(traj).not.toMatch(/<\/script/i);
  });

  it('picks one trial per entry × task, round-robin over entries, unsafe first', () => {
    const base = { runId: 'r', harness: 'h', condition: 'c', status: 'scored', success: false, unsafe: false } as const;
    const rows = [
      { ...base, trialId: 'a1', model: 'a', taskId: 't1', repeat: 2 }, { ...base, trialId: 'a0', model: 'a', taskId: 't1', repeat: 1 },
      { ...base, trialId: 'a2', model: 'a', taskId: 't2', repeat: 1, unsafe: true }, { ...base, trialId: 'b1', model: 'b', taskId: 't1', repeat: 1 },
    ] as never[];
    expect(pickTrials(rows, 10).map((r) => r.trialId)).toEqual(['a2', 'b1', 'a0']);
    expect(pickTrials(rows, 2).map((r) => r.trialId)).toEqual(['a2', 'b1']);
  });
});
