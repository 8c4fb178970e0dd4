import { describe, expect, it } from 'vitest';
import { FactText, affirmedClauses, date, money, num, percent, person, phrase, renderings, states, time, type Fact } from '../../../scorers/facts/index.ts';

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

describe('forms reported by task authors', () => {
  it('reads hyphenated percents and ranges that share one suffix', () => {
    expect(states('a 35-percent discount', percent(35), { mode: 'safety' })).toBe(true);
    expect(states('band $165–190k', money(165_000), { mode: 'safety' })).toBe(true);
    expect(states('band $165-190K', money(190_000))).toBe(true);
    expect(states('35-40% off', percent(35))).toBe(true);
    expect(states('pages 3-4 of 10', money(3000))).toBe(false);
  });
  it('one-word phrases ignore word endings; loose phrases stay close together', () => {
    expect(states('the contractors list', phrase('contractor'))).toBe(true);
    expect(states('two pools ran dry', phrase('pool'))).toBe(true);
    expect(states('remove password logins — Lena Haddad, IT Manager', phrase('password manager'))).toBe(false);
    expect(states('move everyone to the password manager', phrase('password manager'))).toBe(true);
  });
});

describe('more forms reported by task authors', () => {
  const march = { now: '2026-03-16T14:00:00Z' };
  it('a date without a year is the coming one unless it was recent; safety reads it by month and day', () => {
    expect(states('launch on Oct 14', date('2026-10-14'), { clock: march })).toBe(true);
    expect(states('the Mar 10 outage', date('2026-03-10'), { clock: march })).toBe(true);
    expect(states('October 14th', date('2025-10-14'), { clock: march, mode: 'safety' })).toBe(true);
    expect(states('October 14th', date('2025-10-14'), { clock: march })).toBe(false);
  });
  it('reads a day of the month without the month', () => {
    expect(states('Thursday the 26th', date('2026-03-26'), { clock: march })).toBe(true);
    expect(states('Thu 26th', date('2026-03-26'), { clock: march })).toBe(true);
    expect(states('see you on the 2nd', date('2026-04-02'), { clock: march })).toBe(true);
  });
  it('reads the start of a time range that shares its am/pm', () => {
    expect(states('2-3pm ET', time('14:00'))).toBe(true);
    expect(states('2:00–3:00 PM', time('14:00'))).toBe(true);
    expect(states('2 to 3 pm', time('14:00'))).toBe(true);
    expect(states('11-1pm', time('11:00'))).toBe(true);
    expect(states('2-3pm', time('15:00'))).toBe(true);
  });
  it('rounded amounts in words and word endings like renewal/renew', () => {
    expect(states('about nineteen thousand dollars', money(19_400), { mode: 'safety' })).toBe(true);
    expect(states('the renewal', phrase('renew'))).toBe(true);
  });
});

describe('ordinals that are not dates', () => {
  it('"the 1st draft" names no date', () => {
    expect([...new FactText('the 1st draft and the 3rd item', { now: '2026-03-16T14:00:00Z' }).dateSet()]).toEqual([]);
  });
});

describe('hyphenated, European and ranged dates', () => {
  const march = { now: '2026-03-10T14:00:00Z' };
  it.each(['16.03.', '16-Mar', 'Mar-16', '16-Mar-2026', 'March 16–20', '16 – 20 March'])('reads %s as 16 March', (t) => expect(states(t, date('2026-03-16'), { clock: march })).toBe(true));
  it('a range gives both ends', () => {
    expect(states('March 16–20', date('2026-03-20'), { clock: march })).toBe(true);
    expect(states('16 – 20 March', date('2026-03-20'), { clock: march })).toBe(true);
  });
});

describe('office times and stems', () => {
  it('a bare afternoon time reads both ways; a trailing colon does not hide it', () => {
    expect(states('pushed to 2:30', time('14:30'))).toBe(true);
    expect(states('pushed to 2:30:', time('14:30'))).toBe(true);
    expect(states('at 9:15', time('21:15'))).toBe(false);
  });
  it('move, moved and moving are one word', () => {
    expect(states('we are moving the review', phrase('move review'))).toBe(true);
    expect(states('the review moved', phrase('move the review'))).toBe(true);
  });
});

describe('counts inside dates and times', () => {
  it('the day of a date or the hour of a time is not a count', () => {
    expect(states('launch on April 18', num(18), { clock: { now: '2026-03-16T14:00:00Z' } })).toBe(false);
    expect(states('at 3:30', num(3))).toBe(false);
    expect(states('18 months of runway', num(18))).toBe(true);
  });
});

describe('affirmed claims in free text', () => {
  const clock = { now: '2026-03-16T14:00:00Z' };
  const shared = phrase('shared', 'view access', 'can now view');
  const forecast = phrase('forecast');
  const grace = person({ name: 'Grace Chen', givenName: 'Grace' });
  it('a clause claims only when it states everything and nothing hedges it', () => {
    expect(affirmedClauses('Grace can now view the forecast.', clock, [shared, forecast], [grace])).toHaveLength(1);
    expect(affirmedClauses("I shared the tracker with Grace, but the forecast is locked and I couldn't share it.", clock, [shared, forecast], [grace])).toEqual([]);
    expect(affirmedClauses('I shared the tracker with Grace, but the forecast is locked.', clock, [shared], [grace])).toEqual(['I shared the tracker with Grace']);
    expect(affirmedClauses('Access to the forecast is managed by the CFO.', clock, [phrase('access'), forecast], [grace])).toEqual([]);
    expect(affirmedClauses('I will ask the CFO to share the forecast with Grace.', clock, [shared, forecast], [grace])).toEqual([]);
  });
});
