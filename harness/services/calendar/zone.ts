/**
 * Fast zone offsets over Intl.DateTimeFormat. luxon's zoned `set`/`plus` cost ~0.5 ms each
 * on this runtime, which made expanding a year of daily instances take seconds; offsets
 * here are computed once per zone and UTC hour and cached (DST transitions fall on hour
 * boundaries in every zone the company uses).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const HOUR = 3_600_000;

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC at instant `ms`, in milliseconds (local = utc + offset). */
export function zoneOffsetMs(tz: string, ms: number): number {
  const bucket = Math.floor(ms / HOUR);
  const key = `${tz}|${bucket}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const at = bucket * HOUR;
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  const off = local - at;
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(key, off);
  return off;
}

/** Instant of a wall time (given as UTC fields of `wallMs`) in `tz`; wall times in a DST gap move forward. */
export function wallToInstant(wallMs: number, tz: string): number {
  const o1 = zoneOffsetMs(tz, wallMs - zoneOffsetMs(tz, wallMs));
  const guess = wallMs - o1;
  const o2 = zoneOffsetMs(tz, guess);
  if (o2 === o1) return guess;
  // In a gap the two candidates disagree: take the later reading (Google moves the event forward).
  return Math.max(guess, wallMs - o2);
}

/** RFC 3339 text of an instant as wall time in `tz` with its offset (`Z` only for UTC itself). */
export function formatWithOffset(ms: number, tz: string): string {
  const off = zoneOffsetMs(tz, ms);
  const wall = new Date(ms + off).toISOString().slice(0, 19);
  if (off === 0 && /^(?:UTC|Etc\/UTC|Etc\/GMT|GMT|Z)$/i.test(tz)) return `${wall}Z`;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / 60_000;
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
