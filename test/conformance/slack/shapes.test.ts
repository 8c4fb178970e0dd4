/**
 * Slack response-shape conformance: every implemented method, called with the official
 * WebClient against a live server, answers with the fields the real API carries (from the
 * SDK's response types, generated from real responses) with the right JSON types, plus the
 * fields the docs say are always there; error probes answer Slack's envelope. Prints the
 * per-service count. The checker itself is tested to catch a missing and a mistyped field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseWorkspace } from '../../../datasets/base-workspace.ts';
import { slackService } from '../../../harness/services/slack/index.ts';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';
import { ALWAYS_PRESENT } from '../../../harness/coverage/shape/slack/always-present.ts';
import { STEPS } from '../../../harness/coverage/shape/slack/calls.ts';
import { loadResponseTypes, parseType } from '../../../harness/coverage/shape/slack/response-types.ts';
import { runSlackConformance, toShapeResult, type MethodResult } from '../../../harness/coverage/shape/slack/run.ts';
import { checkShape } from '../../../harness/coverage/shape/slack/shape-check.ts';

let live: LiveServer;
let results: MethodResult[];

beforeAll(async () => {
  live = await startLiveServer({ base: baseWorkspace() });
  results = await runSlackConformance(live);
}, 120_000);
afterAll(() => live?.close());

describe('slack response shapes (official WebClient, SDK response types)', () => {
  it('covers every implemented method, and at least 100 of them', () => {
    const implemented = slackService.operations.filter((op) => !op.transport).length;
    expect(implemented).toBeGreaterThanOrEqual(100);
    expect(results.length).toBe(implemented);
    const uncovered = results.filter((r) => r.calls === 0).map((r) => r.method);
    expect(uncovered).toEqual([]);
    // Every operation, the upload target included, was reached over HTTP (the trial's log says so).
    const called = new Set(live.ws.log.filter((r) => r.face === 'http').map((r) => r.op));
    expect(slackService.operations.map((o) => o.id).filter((id) => !called.has(id))).toEqual([]);
  });

  it('every response has the real shape (fields present, JSON types right)', () => {
    const conforming = results.filter((r) => r.ok).length;
    const summary = toShapeResult(results);
    const pct = ((100 * summary.fieldsConforming) / summary.fieldsChecked).toFixed(1);
    console.log(`slack response shapes: ${conforming}/${results.length} methods conform; ${summary.probes} probes (${STEPS.length} steps), ${summary.fieldsChecked} field checks, ${pct}% conforming`);
    expect(summary.probes).toBe(STEPS.length);
    const failures = results.filter((r) => !r.ok).map((r) => ({ method: r.method, problems: r.problems.slice(0, 5) }));
    expect(failures).toEqual([]);
  });

  it('the always-present data names only methods and SDK types that exist', () => {
    const methods = new Set(slackService.operations.map((op) => op.id.slice('slack.'.length)));
    for (const m of Object.keys(ALWAYS_PRESENT)) {
      expect(methods.has(m), m).toBe(true);
      expect(loadResponseTypes(m), m).toBeDefined();
    }
  });
});

describe('the shape checker', () => {
  const types = loadResponseTypes('users.info')!;
  const good = (): any => JSON.parse(JSON.stringify({ ok: true, user: { id: 'U1', name: 'a', tz_offset: -14400, profile: { avatar_hash: 'abc', image_24: 'x' } } }));

  it('accepts a response with declared types', () => {
    expect(checkShape(good(), types).problems).toEqual([]);
  });

  it('catches a mistyped field deep in the object', () => {
    const bad = good();
    bad.user.tz_offset = '-14400';
    expect(checkShape(bad, types).problems).toEqual([{ path: 'user.tz_offset', kind: 'type', expected: 'number', actual: 'string' }]);
  });

  it('catches a field the docs say is always present', () => {
    const report = checkShape(good(), types, ALWAYS_PRESENT['users.info']);
    expect(report.problems.map((p) => p.path)).toContain('user.profile.image_512');
    expect(report.problems.map((p) => p.path)).toContain('user.tz_label');
  });

  it('reads every response declaration of the implemented methods', () => {
    for (const op of slackService.operations.filter((o) => !o.transport)) {
      const t = loadResponseTypes(op.id.slice('slack.'.length));
      expect(t, op.id).toBeDefined();
      expect(t!.objects.get(t!.root)!.fields.has('ok'), op.id).toBe(true);
    }
    expect(parseType('(A | B)[]')).toEqual({ kind: 'array', of: { kind: 'union', of: [{ kind: 'ref', name: 'A' }, { kind: 'ref', name: 'B' }] } });
    expect(() => parseType('Promise<X> & Y')).toThrow(/unrecognised/);
  });
});
