/** The valid parameter or field name nearest to one an API does not know, for errors that say "did you mean". */

/** Names people and models use for a parameter that the API spells differently. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  query: ['q', 'query'], search: ['q', 'query'], filter: ['q', 'query'], text: ['q', 'query', 'text'],
  limit: ['maxResults', 'pageSize', 'limit', 'count'], max_results: ['maxResults'], maxresults: ['maxResults'],
  page_size: ['pageSize', 'maxResults', 'limit'], pagesize: ['pageSize', 'maxResults', 'limit'], count: ['count', 'limit', 'maxResults', 'pageSize'],
  cursor: ['pageToken', 'cursor'], page_token: ['pageToken', 'cursor'], next_cursor: ['cursor', 'pageToken'], nextPageToken: ['pageToken', 'cursor'],
  body: ['requestBody'], request_body: ['requestBody'], resource: ['requestBody'], data: ['requestBody'],
  user: ['userId', 'user', 'users'], user_id: ['userId', 'user'], messageId: ['id', 'messageId'], message_id: ['id', 'messageId'],
  threadId: ['id', 'threadId'], thread_id: ['id', 'threadId', 'thread_ts'], document_id: ['documentId'], file_id: ['fileId'],
  calendar_id: ['calendarId'], event_id: ['eventId'], channel_id: ['channel'], channelId: ['channel'],
};

function norm(s: string): string {
  return s.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Edit distance (bounded inputs: parameter names). */
function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[n]!;
}

/**
 * The valid name closest to an unknown one: a known synonym (`query` → `q`), the same name
 * up to case and separators (`page_token` → `pageToken`), one name a prefix of the other,
 * else the nearest by edit distance when it is near enough.
 */
export function closestName(unknown: string, valid: readonly string[]): string | undefined {
  if (valid.length === 0) return undefined;
  const syn = SYNONYMS[unknown] ?? SYNONYMS[norm(unknown)];
  const bySyn = syn?.find((s) => valid.includes(s));
  if (bySyn) return bySyn;
  const n = norm(unknown);
  const same = valid.find((v) => norm(v) === n);
  if (same) return same;
  const prefix = valid.filter((v) => norm(v).length >= 1 && (n.startsWith(norm(v)) || norm(v).startsWith(n)));
  if (prefix.length === 1) return prefix[0];
  let best: string | undefined;
  let bestD = Infinity;
  for (const v of valid) {
    const d = distance(n, norm(v));
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(Math.max(n.length, norm(best).length) / 3)) ? best : prefix[0];
}

