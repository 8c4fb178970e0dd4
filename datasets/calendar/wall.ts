/** Wall-clock times in a zone for the generator (fast: luxon's zoned arithmetic is slow here). */
import { formatWithOffset, wallToInstant, zoneOffsetMs } from '../../harness/services/calendar/zone.ts';

const DAY = 86_400_000;

/** A wall time in a zone: `wall` is the local date-time read as if it were UTC. */
export interface Wall {
  readonly tz: string;
  readonly wall: number;
}

/** The wall time of an instant in a zone. */
export function wallOf(ms: number, tz: string): Wall {
  return { tz, wall: ms + zoneOffsetMs(tz, ms) };
}

/** A wall time from calendar fields. */
export function wallAt(tz: string, y: number, mo: number, d: number, h = 0, mi = 0): Wall {
  return { tz, wall: Date.UTC(y, mo - 1, d, h, mi) };
}

/** Same day, given time. */
export function atTime(w: Wall, h: number, mi = 0): Wall {
  return { tz: w.tz, wall: Math.floor(w.wall / DAY) * DAY + h * 3_600_000 + mi * 60_000 };
}

/** Shifted by whole days and/or minutes of wall time. */
export function plus(w: Wall, days: number, minutes = 0): Wall {
  return { tz: w.tz, wall: w.wall + days * DAY + minutes * 60_000 };
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(w: Wall): number {
  return ((new Date(w.wall).getUTCDay() + 6) % 7) + 1;
}

/** The instant of a wall time. */
export function instant(w: Wall): number {
  return wallToInstant(w.wall, w.tz);
}

/** RFC 3339 with offset. */
export function rfc3339(w: Wall): string {
  return formatWithOffset(instant(w), w.tz);
}

/** `yyyy-mm-dd` of the wall date. */
export function isoDate(w: Wall): string {
  return new Date(w.wall).toISOString().slice(0, 10);
}

/** Same instant seen in another zone. */
export function inZone(w: Wall, tz: string): Wall {
  return wallOf(instant(w), tz);
}

/** Compact UTC stamp used in instance ids and RRULE UNTIL: `20260316T140000Z`. */
export function utcStamp(w: Wall): string {
  return new Date(instant(w)).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Local stamp for `EXDATE;TZID=…:` values: `20260216T100000`. */
export function localStamp(w: Wall): string {
  return new Date(w.wall).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z/, '');
}
