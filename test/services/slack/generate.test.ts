import { describe, expect, it } from 'vitest';
import { createRng, stableHash } from '../../../harness/core/index.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import { COL, type SlackChannel, type SlackMessage } from '../../../harness/services/slack/model.ts';
import { generateSlack } from '../../../datasets/slack/generate.ts';
import { company } from './helpers.ts';

function build() {
  const ws = createEmptyWorkspace();
  generateSlack(ws, company, createRng('base/1').fork('slack'));
  return ws;
}

describe('base slack data', () => {
  it('is deterministic, large enough and inside the last ~6 months', () => {
    const a = build();
    const b = build();
    const dump = (ws: ReturnType<typeof build>) => stableHash(Object.fromEntries(Object.entries(ws.dump()).filter(([k]) => k.startsWith('slack.'))));
    expect(dump(a)).toBe(dump(b));
    const msgs = [...a.collection<SlackMessage>(COL.messages).values()];
    expect(msgs.length).toBeGreaterThanOrEqual(2000);
    const now = a.nowMs() / 1000;
    expect(msgs.every((m) => Number(m.ts) < now && Number(m.ts) > now - 200 * 86400)).toBe(true);
    const chans = [...a.collection<SlackChannel>(COL.channels).values()];
    expect(chans.filter((c) => c.kind === 'public' || c.kind === 'private').length).toBeGreaterThanOrEqual(20);
    expect(chans.some((c) => c.kind === 'mpim' && c.members.includes(company.owner.slackId!))).toBe(true);
    // Every thread parent's summary matches its replies.
    for (const p of msgs.filter((m) => m.thread_ts === m.ts)) {
      const replies = msgs.filter((m) => m.channel === p.channel && m.thread_ts === p.ts && m.ts !== p.ts);
      expect(replies.length).toBe(p.reply_count);
    }
  });

  it('every employee has a profile with their email', () => {
    const ws = build();
    for (const p of company.employees) expect(ws.collection<{ profile: { email?: string } }>(COL.users).peek(p.slackId!)?.profile.email).toBe(p.email);
  });
});
