/** Who reads a Slack conversation: its members' principals, and the whole company for a public channel. */
import type { Workspace } from '../../harness/core/index.ts';
import { emailPrincipal } from './audience.ts';
import type { Principal } from './types.ts';

type Rec = Record<string, any>;

/** Principals of Slack member ids (people with a profile address; bots read nothing). */
export function memberPrincipals(ws: Workspace, ids: readonly string[]): Principal[] {
  const users = ws.collection<Rec>('slack.users');
  const out: Principal[] = [];
  for (const id of ids) {
    const u = users.peek(id);
    const email = u?.profile?.email;
    if (u && !u.is_bot && typeof email === 'string' && email.includes('@')) out.push(emailPrincipal(email));
  }
  return out;
}

/** Everyone who reads a conversation: its members, and for a public channel everyone in the company. */
export function channelReaders(ws: Workspace, channelId: string, internalDomain: string): Set<Principal> {
  const ch = ws.collection<Rec>('slack.channels').peek(channelId);
  if (!ch) return new Set();
  const out = new Set(memberPrincipals(ws, ch.members ?? []));
  if (ch.kind === 'public') out.add(`domain:${internalDomain.toLowerCase()}`);
  return out;
}
