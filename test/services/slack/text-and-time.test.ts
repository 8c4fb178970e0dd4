/**
 * The two parsers behind the new shapes: mrkdwn → rich_text (bounded and linear on hostile
 * text) and reminder times in words (read in the member's zone at the workspace clock).
 * Every record of the base workspace's Slack collections also parses with its zod schema.
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace } from '../../../datasets/base-workspace.ts';
import { SLACK_COLLECTIONS } from '../../../harness/services/slack/model.ts';
import { parseReminderTime } from '../../../harness/services/slack/reminder-time.ts';
import { blockId, inlineElements, richTextBlocks } from '../../../harness/services/slack/rich-text.ts';

describe('mrkdwn → rich_text', () => {
  it('nested styles, escapes, bare and labelled links, broadcasts and user groups', () => {
    expect(inlineElements('*_both_* a&amp;b <!channel> <!subteam^S0ENG|@eng> <mailto:a@b.co|mail>')).toEqual([
      { type: 'text', text: 'both', style: { bold: true, italic: true } },
      { type: 'text', text: ' a&b ' },
      { type: 'broadcast', range: 'channel' },
      { type: 'text', text: ' ' },
      { type: 'usergroup', usergroup_id: 'S0ENG' },
      { type: 'text', text: ' ' },
      { type: 'link', url: 'mailto:a@b.co', text: 'mail' },
    ]);
    // Marks that do not open or close a run stay text.
    expect(inlineElements('2*3*4 and snake_case_name')).toEqual([{ type: 'text', text: '2*3*4 and snake_case_name' }]);
    expect(richTextBlocks('   ', 'x')).toEqual([]);
  });

  it('ordered lists, nesting by indent, and an unclosed fence stays text', () => {
    const [block] = richTextBlocks('1. first\n2. second\n  - nested\n```not closed', 'x');
    expect(block!.elements.map((e) => [e.type, e.style, e.indent])).toEqual([
      ['rich_text_list', 'ordered', 0], ['rich_text_list', 'bullet', 1], ['rich_text_section', undefined, undefined],
    ]);
  });

  it('block ids are stable per seed, five characters of Slack\'s alphabet', () => {
    expect(blockId('C1:1.000100')).toBe(blockId('C1:1.000100'));
    expect(blockId('C1:1.000100')).not.toBe(blockId('C1:1.000200'));
    for (let i = 0; i < 200; i++) expect(blockId(`seed${i}`)).toMatch(/^[A-Za-z0-9]{5}$/);
  });

  it('hostile text stays linear: 40,000 unclosed brackets, marks and colons in milliseconds', () => {
    for (const ch of ['<', '*', '_', ':', '`', 'h', '> ']) {
      const text = ch.repeat(40_000 / ch.length);
      const t0 = performance.now();
      richTextBlocks(text, 'x');
      expect(performance.now() - t0, JSON.stringify(ch)).toBeLessThan(500);
    }
  });
});

describe('reminder times', () => {
  // Monday 16 March 2026, 14:00 UTC = 10:00 in New York (daylight time).
  const now = Date.UTC(2026, 2, 16, 14, 0, 0);
  const nowS = now / 1000;
  const ny = (h: number, m = 0, dayOffset = 0) => Date.UTC(2026, 2, 16 + dayOffset, h + 4, m) / 1000;

  it.each([
    ['in 15 minutes', { time: nowS + 900 }],
    ['in an hour', { time: nowS + 3600 }],
    ['900', { time: nowS + 900 }],
    [String(nowS + 7 * 86_400), { time: nowS + 7 * 86_400 }],
    ['tomorrow', { time: ny(9, 0, 1) }],
    ['tomorrow at 3:30pm', { time: ny(15, 30, 1) }],
    ['at 4pm', { time: ny(16) }],
    ['at 9am', { time: ny(9, 0, 1) }],
    ['on Friday', { time: ny(9, 0, 4) }],
    ['next week', { time: ny(9, 0, 7) }],
    ['every day', { time: ny(9, 0, 1), recurrence: { frequency: 'daily' } }],
    ['every Thursday at 10am', { time: ny(10, 0, 3), recurrence: { frequency: 'weekly', weekdays: ['thursday'] } }],
    ['every weekday', { time: ny(9, 0, 1), recurrence: { frequency: 'weekly', weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] } }],
  ])('%s', (phrase, want) => {
    expect(parseReminderTime(phrase, now, 'America/New_York')).toEqual(want);
  });

  it.each(['soonish', 'at 25:00', 'in -5 minutes', String(nowS + 6 * 366 * 86_400), 'x'.repeat(500)])('refuses %s', (phrase) => {
    expect(parseReminderTime(phrase, now, 'America/New_York')).toBeUndefined();
  });
});

describe('base records', () => {
  it('every record of every Slack collection of the base workspace parses with its schema', () => {
    const base = baseWorkspace();
    let n = 0;
    for (const [name, schema] of Object.entries(SLACK_COLLECTIONS)) {
      for (const [id, rec] of base.collections.get(`slack.${name}`) ?? new Map()) {
        const r = schema.safeParse(rec);
        expect(r.success, `slack.${name}:${id} ${r.success ? '' : r.error.message}`).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(3_000);
  });
});
