/** RRULE expansion: frequencies, INTERVAL/COUNT/UNTIL/EXDATE, all-day series and DST boundaries. */
import { describe, expect, it } from 'vitest';
import { expandSeries, validateRecurrence } from '../../../harness/services/calendar/recurrence.ts';
import { ApiError } from '../../../harness/core/index.ts';

const NY = 'America/New_York';
const series = (start: string, end: string, recurrence: string[], tz = NY) => ({
  id: 'abc123', start: { dateTime: start, timeZone: tz }, end: { dateTime: end, timeZone: tz }, recurrence,
});
const starts = (occ: Array<{ start: { dateTime?: string; date?: string } }>) => occ.map((o) => o.start.dateTime ?? o.start.date);

describe('expandSeries', () => {
  it('expands weekly BYDAY with COUNT', () => {
    const occ = expandSeries(series('2026-03-02T09:00:00-05:00', '2026-03-02T09:30:00-05:00', ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4']), NY, undefined, undefined);
    expect(starts(occ)).toEqual(['2026-03-02T09:00:00-05:00', '2026-03-04T09:00:00-05:00', '2026-03-09T09:00:00-04:00', '2026-03-11T09:00:00-04:00']);
    expect(occ[0]!.id).toBe('abc123_20260302T140000Z');
    expect(occ[2]!.id).toBe('abc123_20260309T130000Z');
  });

  it('keeps the local time across the US DST change (instants shift by an hour)', () => {
    const occ = expandSeries(series('2026-03-05T09:00:00-05:00', '2026-03-05T10:00:00-05:00', ['RRULE:FREQ=DAILY;COUNT=6']), NY, undefined, undefined);
    expect(starts(occ)).toEqual([
      '2026-03-05T09:00:00-05:00', '2026-03-06T09:00:00-05:00', '2026-03-07T09:00:00-05:00',
      '2026-03-08T09:00:00-04:00', '2026-03-09T09:00:00-04:00', '2026-03-10T09:00:00-04:00',
    ]);
    expect(occ[2]!.startMs - Date.parse('2026-03-07T14:00:00Z')).toBe(0);
    expect(occ[3]!.startMs - Date.parse('2026-03-08T13:00:00Z')).toBe(0);
    // Duration stays one wall-clock hour on the transition day.
    expect(occ[3]!.endMs - occ[3]!.startMs).toBe(3_600_000);
  });

  it('handles a series whose wall time falls in the DST gap by moving it forward', () => {
    const occ = expandSeries(series('2026-03-07T02:30:00-05:00', '2026-03-07T03:00:00-05:00', ['RRULE:FREQ=DAILY;COUNT=3']), NY, undefined, undefined);
    expect(starts(occ)[1]).toBe('2026-03-08T03:30:00-04:00');
    expect(starts(occ)[2]).toBe('2026-03-09T02:30:00-04:00');
  });

  it('applies London DST on its own date, not New York\'s', () => {
    const occ = expandSeries(series('2026-03-25T16:00:00+00:00', '2026-03-25T16:45:00+00:00', ['RRULE:FREQ=WEEKLY;COUNT=2'], 'Europe/London'), 'Europe/London', undefined, undefined);
    expect(starts(occ)).toEqual(['2026-03-25T16:00:00+00:00', '2026-04-01T16:00:00+01:00']);
  });

  it('honours INTERVAL and UNTIL (UTC)', () => {
    const occ = expandSeries(series('2026-01-01T13:00:00-05:00', '2026-01-01T14:00:00-05:00', ['RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20260205T235959Z']), NY, undefined, undefined);
    expect(starts(occ)).toEqual(['2026-01-01T13:00:00-05:00', '2026-01-15T13:00:00-05:00', '2026-01-29T13:00:00-05:00']);
  });

  it('skips EXDATE given with TZID and in UTC', () => {
    const occ = expandSeries(
      series('2026-02-02T10:00:00-05:00', '2026-02-02T10:30:00-05:00', ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5', 'EXDATE;TZID=America/New_York:20260209T100000', 'EXDATE:20260223T150000Z']),
      NY, undefined, undefined,
    );
    expect(starts(occ)).toEqual(['2026-02-02T10:00:00-05:00', '2026-02-16T10:00:00-05:00', '2026-03-02T10:00:00-05:00']);
  });

  it('expands monthly by ordinal weekday and by month day', () => {
    const first = expandSeries(series('2026-01-01T13:00:00-05:00', '2026-01-01T15:00:00-05:00', ['RRULE:FREQ=MONTHLY;BYDAY=1TH;COUNT=3']), NY, undefined, undefined);
    expect(starts(first)).toEqual(['2026-01-01T13:00:00-05:00', '2026-02-05T13:00:00-05:00', '2026-03-05T13:00:00-05:00']);
    const day = expandSeries(series('2026-01-31T09:00:00-05:00', '2026-01-31T10:00:00-05:00', ['RRULE:FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3']), NY, undefined, undefined);
    expect(starts(day)).toEqual(['2026-01-31T09:00:00-05:00', '2026-03-31T09:00:00-04:00', '2026-05-31T09:00:00-04:00']);
  });

  it('expands all-day series with date ids and exclusive end dates', () => {
    const occ = expandSeries({ id: 'allday1', start: { date: '2026-03-27' }, end: { date: '2026-03-28' }, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE;VALUE=DATE:20260403'] }, NY, undefined, undefined);
    expect(occ.map((o) => [o.id, o.start.date, o.end.date])).toEqual([
      ['allday1_20260327', '2026-03-27', '2026-03-28'],
      ['allday1_20260410', '2026-04-10', '2026-04-11'],
    ]);
  });

  it('limits to a window: overlapping occurrences only', () => {
    const s = series('2026-03-02T09:00:00-05:00', '2026-03-02T10:00:00-05:00', ['RRULE:FREQ=DAILY']);
    const occ = expandSeries(s, NY, Date.parse('2026-03-10T13:30:00Z'), Date.parse('2026-03-12T13:00:00Z'));
    // The 10 March instance (13:00–14:00Z) overlaps the window start; 12 March starts exactly at the end (excluded).
    expect(starts(occ)).toEqual(['2026-03-10T09:00:00-04:00', '2026-03-11T09:00:00-04:00']);
  });

  it('stops an unbounded series at the horizon', () => {
    const s = series('2026-03-02T09:00:00-05:00', '2026-03-02T10:00:00-05:00', ['RRULE:FREQ=DAILY']);
    const occ = expandSeries(s, NY, undefined, undefined, Date.parse('2026-03-31T00:00:00Z'));
    expect(occ.length).toBeGreaterThanOrEqual(29);
    expect(occ.length).toBeLessThanOrEqual(31);
  });
});

describe('validateRecurrence', () => {
  it('accepts valid rules and rejects garbage with a 400', () => {
    expect(() => validateRecurrence(['RRULE:FREQ=WEEKLY;BYDAY=MO', 'EXDATE:20260302T140000Z'])).not.toThrow();
    for (const bad of [['RRULE:BYDAY=MO'], ['FOO:BAR'], ['EXDATE:20260302T140000Z'], ['RRULE:FREQ=WEEKLY;UNTIL=tomorrow']]) {
      let err: unknown;
      try {
        validateRecurrence(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).httpStatus).toBe(400);
    }
  });
});
