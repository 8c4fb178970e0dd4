/** Slack search syntax → a SearchQuery: words, "phrases", -exclusions, in:, from:, before:/after:/on:/during:, has:, is:. */
import type { OperationContext } from '../../../core/index.ts';
import { slackError } from '../errors.ts';
import { channelsCol, usersCol, type Actor } from '../access.ts';

/** A parsed query: free-text terms plus filters. Unknown people or channels match nothing. */
export interface SearchQuery {
  readonly terms: string[];
  readonly excluded: string[];
  readonly channels: Array<string | null>;
  readonly users: Array<string | null>;
  readonly after: number;
  readonly before: number;
  readonly has: string[];
  readonly is: string[];
}

/**
 * Limits of a search query. Slack documents none for search.messages; a query is what a
 * person types in the search box, so these are generous for people (4,000 characters, as
 * Slack advises for message text; 200 words and modifiers) and keep every search bounded.
 */
export const SEARCH_LIMITS = { maxLength: 4_000, maxTokens: 200 } as const;

/**
 * Slack's answer to a query past the limits: the documented common error "invalid_arguments:
 * The method was called with invalid arguments", with the reason in response_metadata.messages
 * as Slack words argument problems.
 */
function badQuery(why: string) {
  return slackError('invalid_arguments', { response_metadata: { messages: [`[ERROR] ${why} [json-pointer:/query]`] } });
}

/** Splits on spaces but keeps "quoted phrases" together; refuses queries past SEARCH_LIMITS. */
function tokens(q: string): string[] {
  if (q.length > SEARCH_LIMITS.maxLength) throw badQuery(`query must be at most ${SEARCH_LIMITS.maxLength} characters`);
  const out: string[] = [];
  for (const m of q.matchAll(/-?"[^"]*"|\S+/g)) {
    if (out.length >= SEARCH_LIMITS.maxTokens) throw badQuery(`query must have at most ${SEARCH_LIMITS.maxTokens} words and modifiers`);
    out.push(m[0]);
  }
  return out;
}

function dayStart(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1) / 1000;
}

function findUserRef(ctx: OperationContext, a: Actor, ref: string): string | null {
  const r = ref.replace(/^<@|>$/g, '').replace(/^@/, '').toLowerCase();
  if (r === 'me') return a.user.id;
  for (const u of usersCol(ctx).values()) {
    ctx.ws.spend(1);
    if (u.id.toLowerCase() === r || u.name.toLowerCase() === r || u.profile.display_name.toLowerCase() === r || u.real_name.toLowerCase() === r) return u.id;
  }
  return null;
}

function findChannelRef(ctx: OperationContext, a: Actor, ref: string): string | null {
  if (ref.startsWith('@') || ref.startsWith('<@')) {
    const u = findUserRef(ctx, a, ref);
    if (!u) return null;
    for (const c of channelsCol(ctx).values()) {
      ctx.ws.spend(1);
      if (c.kind === 'im' && c.members.includes(u) && c.members.includes(a.user.id)) return c.id;
    }
    return null;
  }
  const r = ref.replace(/^<#/, '').replace(/>$/, '').split('|')[0]!.replace(/^#/, '').toLowerCase();
  for (const c of channelsCol(ctx).values()) {
    ctx.ws.spend(1);
    if (c.id.toLowerCase() === r || (c.name !== '' && c.name === r)) return c.id;
  }
  return null;
}

/** Parses a query string. Dates are read as UTC days. */
export function parseSearch(ctx: OperationContext, a: Actor, query: string): SearchQuery {
  const q: SearchQuery = { terms: [], excluded: [], channels: [], users: [], after: 0, before: Number.POSITIVE_INFINITY, has: [], is: [] };
  const set = (k: 'after' | 'before', v: number) => ((q as { -readonly [K in keyof SearchQuery]: SearchQuery[K] })[k] = v);
  for (const tok of tokens(query)) {
    const m = /^(in|from|before|after|on|during|has|is):(.+)$/i.exec(tok);
    if (m) {
      const key = m[1]!.toLowerCase();
      const val = m[2]!;
      const day = dayStart(val);
      if (key === 'in') q.channels.push(findChannelRef(ctx, a, val));
      else if (key === 'from') q.users.push(findUserRef(ctx, a, val));
      else if (key === 'has') q.has.push(val.toLowerCase());
      else if (key === 'is') q.is.push(val.toLowerCase());
      else if (day !== undefined && key === 'before') set('before', Math.min(q.before, day));
      else if (day !== undefined && key === 'after') set('after', Math.max(q.after, day + 86_400));
      else if (day !== undefined && (key === 'on' || key === 'during')) {
        const len = key === 'during' && val.length === 7 ? 31 * 86_400 : 86_400;
        set('after', Math.max(q.after, day));
        set('before', Math.min(q.before, day + len));
      } else q.terms.push(tok.toLowerCase());
      continue;
    }
    const t = tok.replace(/"/g, '').toLowerCase();
    if (tok.startsWith('-') && t.length > 1) q.excluded.push(t.slice(1));
    else if (t) q.terms.push(t);
  }
  return q;
}
