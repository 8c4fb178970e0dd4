/** Who the agent works for: the user's display name and time zone, read from the workspace (never logged as agent reads). */
import type { Workspace } from '../../core/index.ts';

/** The user's name ('' when unknown) and IANA time zone ('UTC' when unknown). */
export interface OwnerProfile {
  readonly name: string;
  readonly timeZone: string;
}

type Rec = Record<string, unknown>;

function peek(ws: Workspace, key: string, id: string): Rec | undefined {
  try {
    return ws.collection<Rec>(key).peek(id);
  } catch {
    return undefined;
  }
}

function scan(ws: Workspace, key: string, pred: (r: Rec) => boolean): Rec | undefined {
  try {
    for (const r of ws.collection<Rec>(key).values()) if (pred(r)) return r;
  } catch {
    // the collection is absent (fixture workspaces)
  }
  return undefined;
}

// Zone names already tried: building an Intl formatter to test one costs more than the rest
// of the profile, and every trial asks about the same few zones. Bounded, so hostile names
// cannot grow it.
const zoneVerdicts = new Map<string, boolean>();
const MAX_ZONE_VERDICTS = 1_000;

function validZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || !tz) return false;
  const known = zoneVerdicts.get(tz);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    valid = true;
  } catch {
    valid = false;
  }
  if (zoneVerdicts.size < MAX_ZONE_VERDICTS) zoneVerdicts.set(tz, valid);
  return valid;
}

/**
 * The user's profile: time zone from their Calendar setting (else their primary calendar,
 * else their Slack profile), name from their primary calendar (else Gmail send-as, else Slack).
 * Reads the state directly, outside any operation, so nothing lands in the action log.
 */
export function ownerProfile(ws: Workspace, email: string): OwnerProfile {
  const e = email.toLowerCase();
  const calendar = peek(ws, 'calendar.calendars', e) ?? peek(ws, 'calendar.calendars', email);
  const setting = peek(ws, 'calendar.settings', `${e}|timezone`) ?? peek(ws, 'calendar.settings', `${email}|timezone`);
  const slack = scan(ws, 'slack.users', (u) => String((u.profile as Rec | undefined)?.email ?? '').toLowerCase() === e);
  const sendAs = scan(ws, 'gmail.sendAs', (s) => s.isPrimary === true || String(s.sendAsEmail ?? '').toLowerCase() === e);
  const zone = [setting?.value, calendar?.timeZone, slack?.tz].find(validZone) ?? 'UTC';
  const names = [calendar?.ownerName, sendAs?.displayName, slack?.real_name, (slack?.profile as Rec | undefined)?.real_name];
  const name = names.find((n): n is string => typeof n === 'string' && n.trim() !== '') ?? '';
  return { name: name.trim(), timeZone: zone };
}
