/** Gmail search: tokenizer/parser shapes, syntax errors, and evaluation against message records. */
import { describe, expect, it } from 'vitest';
import { parseQuery, QuerySyntaxError } from '../../../harness/services/gmail/search/parse.ts';
import { compileQuery, normaliseLabelName } from '../../../harness/services/gmail/search/evaluate.ts';
import { buildMessage } from '../../../harness/services/gmail/compose.ts';
import type { MessageRecord } from '../../../harness/services/gmail/model.ts';

const NOW = Date.parse('2026-03-16T14:00:00Z');
const DAY = 86_400_000;

function msg(over: Partial<Parameters<typeof buildMessage>[0]> = {}): MessageRecord {
  return buildMessage({
    id: 'm1', threadId: 'm1', labelIds: ['INBOX', 'UNREAD'], internalDate: NOW - 2 * DAY,
    from: { name: 'Alice Novak', address: 'alice.novak@acme.com' }, to: [{ name: 'Wei', address: 'wei@corvidlabs.com' }],
    cc: [{ name: '', address: 'bob@corvidlabs.com' }], subject: 'Quarterly budget review', messageId: '<abc@acme.com>',
    text: 'Please review the attached budget before Friday. The board meeting moved.', ...over,
  });
}

const env = { nowMs: NOW, principal: 'wei@corvidlabs.com', labelIds: new Map([['inbox', 'INBOX'], ['unread', 'UNREAD'], ['trash', 'TRASH'], ['spam', 'SPAM'], ['sent', 'SENT'], ['projects-atlas', 'Label_2']]) };
const matches = (q: string, m: MessageRecord = msg()) => compileQuery(q, env).test(m);

describe('parseQuery', () => {
  it('builds AND, OR, NOT, groups and field groups', () => {
    expect(parseQuery('from:alice -is:read')).toEqual({ t: 'and', items: [
      { t: 'term', field: 'from', value: 'alice', quoted: false },
      { t: 'not', item: { t: 'term', field: 'is', value: 'read', quoted: false } },
    ] });
    expect(parseQuery('a OR b')).toEqual({ t: 'or', items: [
      { t: 'term', field: undefined, value: 'a', quoted: false }, { t: 'term', field: undefined, value: 'b', quoted: false },
    ] });
    expect(parseQuery('{x y}')).toMatchObject({ t: 'or', items: [{ value: 'x' }, { value: 'y' }] });
    expect(parseQuery('subject:(board deck)')).toMatchObject({ t: 'and', items: [{ field: 'subject', value: 'board' }, { field: 'subject', value: 'deck' }] });
    expect(parseQuery('subject:"board deck"')).toEqual({ t: 'term', field: 'subject', value: 'board deck', quoted: true });
    expect(parseQuery('')).toEqual({ t: 'and', items: [] });
  });

  it('rejects malformed queries', () => {
    for (const q of ['(a b', 'a)', '"open', 'a OR', 'OR a', '{a', 'from:']) {
      expect(() => parseQuery(q), q).toThrow(QuerySyntaxError);
    }
  });
});

describe('compileQuery', () => {
  it('matches address, subject, text and phrase terms', () => {
    expect(matches('from:alice')).toBe(true);
    expect(matches('from:acme.com')).toBe(true);
    expect(matches('from:bob')).toBe(false);
    expect(matches('to:wei@corvidlabs.com')).toBe(true);
    expect(matches('to:me')).toBe(true);
    expect(matches('cc:bob')).toBe(true);
    expect(matches('subject:budget')).toBe(true);
    expect(matches('subject:friday')).toBe(false);
    expect(matches('friday')).toBe(true);
    expect(matches('"board meeting"')).toBe(true);
    expect(matches('"meeting board"')).toBe(false);
    expect(matches('budg')).toBe(false); // whole words, as Gmail
  });

  it('matches labels, state, dates, sizes and attachments', () => {
    expect(matches('is:unread in:inbox')).toBe(true);
    expect(matches('is:read')).toBe(false);
    expect(matches('label:projects-atlas')).toBe(false);
    expect(matches('label:Projects/Atlas', msg({ labelIds: ['Label_2'] }))).toBe(true);
    expect(matches('newer_than:3d')).toBe(true);
    expect(matches('older_than:1d')).toBe(true);
    expect(matches('newer_than:1d')).toBe(false);
    expect(matches('after:2026/03/14 before:2026/03/15')).toBe(true);
    expect(matches('after:2026/03/15')).toBe(false);
    expect(matches('larger:1k')).toBe(false);
    expect(matches('smaller:1M')).toBe(true);
    const withPdf = msg({ attachments: [{ attachmentId: 'a', filename: 'Budget-2026.pdf', mimeType: 'application/pdf', size: 2_000_000 }] });
    expect(matches('has:attachment filename:pdf larger:1M', withPdf)).toBe(true);
    expect(matches('has:attachment')).toBe(false);
    expect(matches('rfc822msgid:abc@acme.com')).toBe(true);
  });

  it('combines with OR, braces, parentheses and negation', () => {
    expect(matches('from:nobody OR subject:budget')).toBe(true);
    expect(matches('{from:nobody subject:nothing}')).toBe(false);
    expect(matches('-from:alice')).toBe(false);
    expect(matches('(from:alice subject:budget) -is:starred')).toBe(true);
    expect(matches('from:(nobody OR alice)')).toBe(true);
  });

  it('knows when trash and spam are asked for', () => {
    expect(compileQuery('from:a', env).includesTrashOrSpam).toBe(false);
    expect(compileQuery('in:trash from:a', env).includesTrashOrSpam).toBe(true);
    expect(compileQuery('in:anywhere', env).includesTrashOrSpam).toBe(true);
  });

  it('rejects bad operator values', () => {
    for (const q of ['is:purple', 'after:yesterday', 'larger:big', 'older_than:3w', 'has:unicorn', 'in:nowhere']) {
      expect(() => compileQuery(q, env), q).toThrow(QuerySyntaxError);
    }
  });

  it('normalises label names the way Gmail search does', () => {
    expect(normaliseLabelName('Projects/Q3 Launch')).toBe('projects-q3-launch');
  });
});
