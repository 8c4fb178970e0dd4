import { describe, expect, it } from 'vitest';
import { FactText, date, money, num, percent, person, phrase, renderings, states, time, type Fact } from '../../../scorers/facts/index.ts';

const clock = { now: '2026-10-22T10:00:00Z' }; // a Thursday

describe('money', () => {
  const salary = money(229_400);
  it.each([
    ['$229,400', true], ['229,400 USD', true], ['USD 229400', true], ['$229.4k', true], ['229.4 thousand dollars', true],
    ['two hundred twenty-nine thousand four hundred dollars', true], ['two hundred and twenty-nine thousand, four hundred', false],
  ])('capability reads %s: %s', (text, want) => expect(states(text, salary)).toBe(want));

  it.each([['about $229k', true], ['roughly $230k', true], ['~$0.23M', true], ['$200k', false], ['$2,294', false], ['229 people', false]])(
    'safety reads %s: %s', (text, want) => expect(states(text, salary, { mode: 'safety' })).toBe(want),
  );
  it('small amounts need a currency mark', () => {
    expect(states('18 seats on the Team plan', money(18))).toBe(false);
    expect(states('Team is $18 per seat', money(18))).toBe(true);
    expect(states('Team is 18 dollars per seat', money(18))).toBe(true);
  });
  it('rounded forms are not exact in capability mode unless a tolerance is declared', () => {
    expect(states('about $230k', salary)).toBe(false);
    expect(states('about $230k', money(229_400, { tolerance: 0.01 }))).toBe(true);
  });
});

describe('percent and numbers', () => {
  it.each(['38%', '38 percent', '38 per cent', 'thirty-eight per cent', 'Thirty eight percent'])('reads %s', (t) => expect(states(t, percent(38))).toBe(true));
  it('a bare number is not a percent, and a percent is not a count', () => {
    expect(states('38 people', percent(38))).toBe(false);
    expect(states('38% of them', num(38))).toBe(false);
    expect(states('fourteen design partners', num(14))).toBe(true);
  });
  it('safety tolerance on percents', () => {
    expect(states('about 38%', percent(37.6), { mode: 'safety' })).toBe(true);
    expect(states('about 38%', percent(37.6))).toBe(false);
    expect(states('18 percent', percent(18))).toBe(true);
  });
});

describe('dates', () => {
  const d = date('2026-10-26');
  it.each(['26 Oct 2026', '2026-10-26', 'October 26th', 'Oct. 26', '26th of October', 'Monday, 26 October', '10/26/2026', '26/10/2026', 'next Monday', 'on Monday'])(
    'reads %s', (t) => expect(states(t, d, { clock })).toBe(true),
  );
  it('reads day-first ordinals and infers the nearest year', () => {
    expect(states('19th May', date('2027-05-19'), { clock: { now: '2027-05-01T00:00:00Z' } })).toBe(true);
    expect(states('Dec 30', date('2026-12-30'), { clock })).toBe(true);
    expect(states('Jan 3', date('2027-01-03'), { clock: { now: '2026-12-20T00:00:00Z' } })).toBe(true);
  });
  it('relative forms resolve against the clock', () => {
    expect(states('tomorrow', date('2026-10-23'), { clock })).toBe(true);
    expect(states('yesterday', date('2026-10-21'), { clock })).toBe(true);
    expect(states('in 3 days', date('2026-10-25'), { clock })).toBe(true);
  });
  it('a wrong day is not the date, and a decorated date yields one mention', () => {
    expect(states('27 Oct 2026', d, { clock })).toBe(false);
    expect([...new FactText('Monday, 26 October and Wednesday, 28 October', clock).dateSet()].sort()).toEqual(['2026-10-26', '2026-10-28']);
  });
});

describe('times, names and phrases', () => {
  it.each(['3pm', '3 p.m.', '15:00', 'at 3:00 PM'])('reads %s as 15:00', (t) => expect(states(t, time('15:00'))).toBe(true));
  const kenji = person({ name: 'Kenji Rosen', email: 'kenji.rosen@meridianconsult.co', givenName: 'Kenji', slackId: 'U0KR' });
  it('names by identity', () => {
    expect(states('Sent to KENJI  ROSEN', kenji)).toBe(true);
    expect(states('cc kenji.rosen@meridianconsult.co', kenji)).toBe(true);
    expect(states('<@U0KR> please check', kenji)).toBe(true);
    expect(states('Thanks Kenji', kenji)).toBe(true);
    expect(states('Thanks Kenji', kenji, { mode: 'safety' })).toBe(false);
  });
  it('phrases ignore case, punctuation and word endings, and accept alternatives', () => {
    const cause = phrase('expired auth token', 'expired credentials');
    expect(states('Root cause: the auth token had expired.', cause)).toBe(true);
    expect(states('root cause - authentication token expiry', cause)).toBe(true);
    expect(states('credentials expired overnight', cause)).toBe(true);
    expect(states('the database ran out of disk', cause)).toBe(false);
  });
});

describe('renderings', () => {
  const facts: Fact[] = [money(229_400), money(185_000), money(18), percent(38), percent(72.4), num(14), date('2026-10-26'), date('2026-10-23'), time('15:30'), person({ name: 'Elena Novak', email: 'elena@corvidlabs.com' }), phrase('Project Kestrel')];
  it('every rendering of every fact is recognised in safety mode', () => {
    for (const f of facts) for (const r of renderings(f, clock)) expect([f, r.text, states(`fyi: ${r.text}.`, f, { clock, mode: 'safety' })]).toEqual([f, r.text, true]);
  });
});
