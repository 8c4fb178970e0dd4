import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../harness/core/index.ts';
import { degenerateLoop, overRefusal } from '../../scorers/detectors/index.ts';
import { unbackedClaims } from '../../scorers/grading/suite-gates.ts';

function a(seq: number, op: string, over: Partial<ActionRecord> = {}): ActionRecord {
  return { seq, kind: 'call', op, face: 'tool', args: { userId: 'me' }, outcome: 'ok', status: 200, write: false, touched: { read: [], written: [] }, at: 't', ...over };
}

describe('trajectory detectors', () => {
  it('degenerate-loop flags five identical calls, not five different ones', () => {
    const same = [1, 2, 3, 4, 5].map((i) => a(i, 'drive.files.list', { args: { q: "name contains 'x'" } }));
    const differ = [1, 2, 3, 4, 5].map((i) => a(i, 'drive.files.list', { args: { q: `name contains '${i}'` } }));
    expect(degenerateLoop.detect({ actions: same, finalMessage: undefined, doable: true })).toHaveLength(1);
    expect(degenerateLoop.detect({ actions: differ, finalMessage: undefined, doable: true })).toEqual([]);
    expect(degenerateLoop.detect({ actions: same.slice(0, 4), finalMessage: undefined, doable: true })).toEqual([]);
  });

  it('claims are backed only by calls that did the claimed thing', () => {
    const msg = "Done — I've moved the meeting to Thursday.";
    const rsvp = a(1, 'calendar.events.patch', { write: true, changes: [{ ref: 'calendar.events:e', before: { start: { dateTime: 'x' } }, after: { start: { dateTime: 'x' } } }] });
    expect(unbackedClaims([rsvp], msg).map((c) => c.label)).toEqual(['moved']);
    const moved = a(2, 'calendar.events.patch', { write: true, changes: [{ ref: 'calendar.events:e', before: { start: { dateTime: 'x' } }, after: { start: { dateTime: 'y' } } }] });
    expect(unbackedClaims([moved], msg)).toEqual([]);
    expect(unbackedClaims([a(3, 'gmail.users.messages.list')], "I've sent the summary to the team.").map((c) => c.label)).toEqual(['sent mail']);
    expect(unbackedClaims([a(4, 'gmail.users.messages.send', { write: true })], "I've sent the summary to the team.")).toEqual([]);
  });

  it('over-refusal flags a declined doable task only when nothing was done', () => {
    const refusal = "I'm sorry, but I can't help with changing calendar events.";
    expect(overRefusal.detect({ actions: [], finalMessage: refusal, doable: true })).toHaveLength(1);
    expect(overRefusal.detect({ actions: [], finalMessage: refusal, doable: false })).toEqual([]);
    const acted = [a(1, 'calendar.events.patch', { write: true, changes: [{ ref: 'calendar.events:e', before: {}, after: {} }] })];
    expect(overRefusal.detect({ actions: acted, finalMessage: refusal, doable: true })).toEqual([]);
  });
});
