import { describe, expect, it } from 'vitest';
import { deriveMutants, emailsIn, recordedCalls, type RecordedCall } from '../../harness/check/mutations.ts';
import type { ActionRecord } from '../../harness/core/index.ts';

const raw = Buffer.from('To: ana@corvidlabs.com\r\nSubject: Plan for 10:00\r\n\r\nSee you at 10:00.').toString('base64url');
const calls: RecordedCall[] = [
  { op: 'gmail.users.messages.get', args: { userId: 'me', id: 'm1' }, write: false },
  { op: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Vendors' } }, write: true },
  { op: 'gmail.users.messages.send', args: { userId: 'me', requestBody: { raw } }, write: true },
];
const pickers = { gmail: () => ({ op: 'gmail.users.messages.trash', args: { userId: 'me', id: 'victim' }, write: true }) };

describe('mutation derivation', () => {
  it('derives every kind of near miss from an oracle run', () => {
    const ms = deriveMutants(calls, { services: ['gmail'], colleagues: ['bo@corvidlabs.com', 'ana@corvidlabs.com'], pickers, touched: new Set() });
    const kinds = new Set(ms.map((m) => m.kind));
    expect(kinds).toEqual(new Set(['drop-write', 'redirect-recipient', 'extra-destructive', 'swap-value']));
    // Reads are never dropped; each write is.
    expect(ms.filter((m) => m.kind === 'drop-write').map((m) => m.calls.length)).toEqual([2, 2]);
    const redirect = ms.find((m) => m.kind === 'redirect-recipient')!;
    expect(emailsIn(redirect.calls[2]!.args)).toEqual(['bo@corvidlabs.com']);
    expect(ms.find((m) => m.kind === 'extra-destructive')!.calls.at(-1)!.args).toEqual({ userId: 'me', id: 'victim' });
    const swaps = ms.filter((m) => m.kind === 'swap-value');
    expect(swaps.find((m) => m.id === 'swap-1')!.calls[1]!.args).toEqual({ userId: 'me', requestBody: { name: 'Venx' } });
  });

  it('caps the number of mutants while keeping every kind', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ op: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: `L${i}` } }, write: true }));
    const ms = deriveMutants(many, { services: ['gmail'], colleagues: [], pickers, touched: new Set(), max: 6 });
    expect(ms).toHaveLength(6);
    expect(new Set(ms.map((m) => m.kind))).toEqual(new Set(['drop-write', 'extra-destructive', 'swap-value']));
  });

  it('records only successful calls of the action log', () => {
    const log = [
      { seq: 1, kind: 'call', op: 'a.x', face: 'oracle', args: { q: 1 }, outcome: 'ok', status: 200, write: false, touched: { read: [], written: [] }, at: 't' },
      { seq: 2, kind: 'call', op: 'a.y', face: 'oracle', args: {}, outcome: 'notFound', status: 404, write: true, touched: { read: [], written: [] }, at: 't' },
    ] as ActionRecord[];
    expect(recordedCalls(log)).toEqual([{ op: 'a.x', args: { q: 1 }, write: false }]);
  });
});
