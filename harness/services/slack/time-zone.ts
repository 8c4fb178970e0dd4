/**
 * A member's `tz_label` and `tz_offset` at the workspace clock, as Slack shows them
 * ("Eastern Daylight Time", -14400): they follow daylight saving, so they are computed
 * from the IANA zone at the trial's own time, never stored.
 */
import { remember } from '../../core/index.ts';

/** Label and offset (seconds east of UTC) of a zone at an instant. */
export interface ZoneInfo {
  readonly label: string;
  readonly offset: number;
}

const cache = new Map<string, ZoneInfo>();
/** Cached answers (zones × hours seen); cleared when it grows past this. */
const MAX_CACHE = 5_000;
const HOUR_MS = 3_600_000;

/**
 * The zone's long name and UTC offset at `ms`. Intl formatting costs tens of microseconds,
 * and offsets change only on the hour, so answers are cached per zone and hour. An unknown
 * zone reads as UTC rather than failing a read.
 */
export function zoneInfo(zone: string, ms: number): ZoneInfo {
  const hour = Math.floor(ms / HOUR_MS);
  return remember(cache, `${zone}@${hour}`, MAX_CACHE, () => zoneInfoAt(zone, hour));
}

function zoneInfoAt(zone: string, hour: number): ZoneInfo {
  let info: ZoneInfo;
  try {
    const at = new Date(hour * HOUR_MS);
    const label = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'Coordinated Universal Time';
    const offsetName = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetName);
    const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
    info = { label, offset };
  } catch {
    info = { label: 'Coordinated Universal Time', offset: 0 };
  }
  return info;
}
