/** What an agent acting from outside the harness is told about its workplace: whom it works for, the clock, the time zone, the services. */
import type { Workspace } from '../core/index.ts';
import { localTime } from '../agents/prompt.ts';
import { ownerProfile } from '../agents/tools/owner.ts';

/**
 * The facts the built-in loop puts in its system prompt, for agents that get no prompt
 * from us (`serve --task`, `mcp`): the workspace clock is the trial's "now", never the
 * machine's, so an agent that reads its own clock would date things wrongly.
 */
export interface WorkspaceAnnouncement {
  /** The acting user: their email and display name ('' when the workspace does not say). */
  readonly user: { readonly email: string; readonly name: string };
  /** The workspace clock at the start of the trial (UTC, ISO 8601). */
  readonly now: string;
  /** The user's IANA time zone ('UTC' when unknown). */
  readonly timeZone: string;
  /** The same instant on the user's wall clock, e.g. `Tuesday, March 3, 2026, 09:00 (UTC+01:00)`. */
  readonly localTime: string;
  /** The user's local date, `YYYY-MM-DD`. */
  readonly localDate: string;
  /** The services the task offers; calls to any other are refused. */
  readonly services: readonly string[];
}

/** The announcement for facts already gathered (the built-in tools' context has exactly these). */
export function announcementFrom(o: { ownerEmail: string; ownerName?: string; timeZone?: string; now: string; services: readonly string[] }): WorkspaceAnnouncement {
  const zone = o.timeZone || 'UTC';
  const t = localTime(o.now, zone);
  return {
    user: { email: o.ownerEmail, name: o.ownerName ?? '' }, now: o.now, timeZone: zone,
    localTime: `${t.weekday}, ${t.date}, ${t.time} (${t.offset})`, localDate: t.isoDate, services: [...o.services],
  };
}

/** The announcement of a workspace: the user's name and time zone are read as the built-in prompt reads them (nothing is logged). */
export function announceWorkspace(ws: Workspace, principal: string, services: readonly string[]): WorkspaceAnnouncement {
  const owner = ownerProfile(ws, principal);
  return announcementFrom({ ownerEmail: principal, ownerName: owner.name, timeZone: owner.timeZone, now: ws.now(), services });
}

/** The announcement as lines of text for people and prompts. */
export function announcementLines(a: WorkspaceAnnouncement): string[] {
  const who = a.user.name ? `${a.user.name} <${a.user.email}>` : a.user.email;
  return [
    `You act for ${who}. Their time zone is ${a.timeZone}.`,
    `It is now ${a.localTime} their time (${a.localDate} local date); in UTC ${a.now}. This is the workspace clock: use it, not your machine's, for "today", "tomorrow" and "this week".`,
    `Services of this task: ${a.services.join(', ')}. Calls to any other service are refused.`,
  ];
}
