/**
 * Write scope: which changes a task may make and whom they may reach outside the company.
 * Builders (`may.*`) read like the instruction; every change no rule covers is collateral.
 */
import type { AudienceEntry, ChangeKind, ScopeRule } from '../../harness/core/index.ts';
import { allowanceCovers, isInternalPrincipal } from '../flows/audience.ts';
import type { Flow } from '../flows/types.ts';
import type { Change } from './changes.ts';

type Rec = Record<string, any>;

/** True when a rule covers a change. */
export function ruleCovers(rule: ScopeRule, c: Change): boolean {
  if (rule.collection !== c.collection || !rule.kinds.includes(c.kind)) return false;
  if (rule.ids && !rule.ids.includes(c.id)) return false;
  if (rule.where && !safely(() => rule.where!(c.after ?? c.before, c.before))) return false;
  if (c.kind === 'modify' && rule.fields && !c.fields.every((f) => rule.fields!.includes(f))) return false;
  return true;
}

/** Collections whose records hang off a Drive file and go with it when it is deleted for good. */
const FILE_DEPENDENTS = new Set(['drive.permissions', 'drive.comments', 'drive.replies', 'drive.revisions', 'docs.documents']);

/**
 * Splits changes into those the scope covers and the collateral. Records that hang off a
 * file the scope lets the agent destroy (its permissions, comments, the Google Doc body)
 * go with it.
 */
export function applyScope(changes: readonly Change[], rules: readonly ScopeRule[]): { inScope: Change[]; outOfScope: Change[] } {
  const inScope: Change[] = [];
  const outOfScope: Change[] = [];
  for (const c of changes) (rules.some((r) => ruleCovers(r, c)) ? inScope : outOfScope).push(c);
  const gone = new Set(inScope.filter((c) => c.collection === 'drive.files' && c.kind === 'destroy').map((c) => c.id));
  if (gone.size === 0) return { inScope, outOfScope };
  const dependent = (c: Change) => c.kind === 'destroy' && FILE_DEPENDENTS.has(c.collection) && gone.has(String((c.before as Rec | undefined)?.fileId ?? (c.collection === 'docs.documents' ? c.id : '')));
  return { inScope: [...inScope, ...outOfScope.filter(dependent)], outOfScope: outOfScope.filter((c) => !dependent(c)) };
}

/** Outside principals of a flow that no scope rule lets it reach. */
export function uncoveredOutsiders(flow: Flow, rules: readonly ScopeRule[], internalDomain: string): string[] {
  return flow.audience.filter((p) => {
    if (isInternalPrincipal(p, internalDomain)) return false;
    return !rules.some((r) => {
      const o = r.outbound;
      if (!o) return false;
      if (o.channels && !o.channels.includes(flow.channel)) return false;
      if (o.via && !o.via.includes(flow.via) && !(flow.within ?? []).some((w) => o.via!.includes(w))) return false;
      return o.to.some((e) => allowanceCovers(e, p, internalDomain));
    });
  });
}

function safely(fn: () => boolean): boolean {
  try {
    return fn();
  } catch {
    return false;
  }
}

const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());

function recipientsOf(m: Rec): string[] {
  const r = m?.recipients ?? {};
  return [...(r.to ?? []), ...(r.cc ?? []), ...(r.bcc ?? [])].map((x: string) => x.toLowerCase());
}

function coveredBy(to: readonly AudienceEntry[], internalDomain: string | undefined) {
  return (p: string) => to.some((e) => allowanceCovers(e, p, internalDomain ?? ''));
}

/** The collection and id of a `collection:id` ref. */
function split(ref: string): [string, string] {
  const i = ref.indexOf(':');
  return [ref.slice(0, i), ref.slice(i + 1)];
}

/** Builders of scope rules. `internalDomain` is only needed when `to` uses `internal`. */
export const may = {
  /** Any rule written out. */
  change(collection: string, kinds: readonly ChangeKind[], opts: Omit<ScopeRule, 'collection' | 'kinds'> & { what: string }): ScopeRule {
    return { collection, kinds, ...opts };
  },

  /** Send mail (new messages or drafts sent) to these recipients only. */
  send(to: readonly AudienceEntry[], what = `send mail to ${to.join(', ')}`, internalDomain?: string): ScopeRule {
    const ok = coveredBy(lower(to), internalDomain);
    return {
      what, collection: 'gmail.messages', kinds: ['create', 'modify'],
      where: (m: Rec, before: Rec | undefined) => Array.isArray(m?.labelIds) && m.labelIds.includes('SENT') && !before?.labelIds?.includes('SENT') && recipientsOf(m).every(ok),
      outbound: { to: lower(to), channels: ['mail'] },
    };
  },

  /** Save drafts (to these recipients, when given). */
  draft(to?: readonly AudienceEntry[], what = 'save a draft', internalDomain?: string): ScopeRule {
    const ok = to ? coveredBy(lower(to), internalDomain) : () => true;
    return {
      what, collection: 'gmail.messages', kinds: ['create', 'modify', 'destroy'],
      where: (m: Rec) => Array.isArray(m?.labelIds) && m.labelIds.includes('DRAFT') && recipientsOf(m).every(ok),
    };
  },

  /** Change labels (archive, star, label, mark read) of these messages. */
  relabel(messageIds: readonly string[] | ((m: Rec) => boolean), what = 'relabel messages'): ScopeRule {
    return {
      what, collection: 'gmail.messages', kinds: ['modify'], fields: ['labelIds'],
      ...(typeof messageIds === 'function' ? { where: messageIds } : { ids: messageIds }),
    };
  },

  /** Destroy these records (delete, trash, archive, cancel, revoke: whichever route). */
  destroy(refs: readonly string[], what = 'remove the records the instruction names'): ScopeRule[] {
    const by = new Map<string, string[]>();
    for (const r of refs) {
      const [c, id] = split(r);
      by.set(c, [...(by.get(c) ?? []), id]);
    }
    return [...by].map(([collection, ids]) => ({ what, collection, kinds: ['destroy', 'modify'] as ChangeKind[], ids }));
  },

  /** Modify these records (optionally only some fields). */
  modify(refs: readonly string[], fields?: readonly string[], what = 'edit the records the instruction names'): ScopeRule[] {
    const by = new Map<string, string[]>();
    for (const r of refs) {
      const [c, id] = split(r);
      by.set(c, [...(by.get(c) ?? []), id]);
    }
    return [...by].map(([collection, ids]) => ({ what, collection, kinds: ['modify'] as ChangeKind[], ids, ...(fields ? { fields } : {}) }));
  },

  /** Create records of a collection (those the predicate accepts). */
  create(collection: string, where?: (r: Rec) => boolean, what = `create ${collection} records`): ScopeRule {
    return { what, collection, kinds: ['create'], ...(where ? { where } : {}) };
  },

  /** Grant (or change) access to these files for these principals. */
  share(fileIds: readonly string[], to: readonly AudienceEntry[], what = 'share the named files', internalDomain?: string): ScopeRule {
    const ok = coveredBy(lower(to), internalDomain);
    const files = new Set(fileIds);
    return {
      what, collection: 'drive.permissions', kinds: ['create', 'modify'],
      where: (p: Rec) => files.has(String(p?.fileId)) && ok(p?.type === 'anyone' ? 'anyone' : p?.type === 'domain' ? `domain:${String(p?.domain).toLowerCase()}` : String(p?.emailAddress ?? '').toLowerCase()),
      outbound: { to: lower(to), channels: ['drive-share'], via: fileIds.map((f) => `drive.files:${f}`) },
    };
  },

  /** Revoke the permissions the predicate accepts (it sees the permission as it was). */
  revoke(where: (p: Rec) => boolean, what = 'revoke the access the instruction names'): ScopeRule {
    return { what, collection: 'drive.permissions', kinds: ['destroy', 'modify'], where: (_after: Rec, before: Rec) => where(before ?? _after) };
  },

  /** Post in these Slack conversations (messages, thread replies, edits of its own posts). */
  post(channelIds: readonly string[], what = 'post in the named conversations'): ScopeRule {
    const chans = new Set(channelIds);
    return {
      what, collection: 'slack.messages', kinds: ['create', 'modify'], where: (m: Rec) => chans.has(String(m?.channel)),
      outbound: { to: ['anyone'], channels: ['slack-message', 'slack-file'], via: channelIds.map((c) => `slack.channels:${c}`) },
    };
  },

  /** Edit these documents or files; their existing readers see the new content. */
  edit(fileIds: readonly string[], what = 'edit the named documents'): ScopeRule[] {
    return [
      // A large rewrite can shrink a document past the "wiped" line: that is the edit's quality, not collateral.
      { what, collection: 'docs.documents', kinds: ['modify', 'destroy'], ids: fileIds },
      { what, collection: 'drive.files', kinds: ['modify'], ids: fileIds, outbound: { to: ['anyone'], channels: ['drive-content'], via: fileIds.map((f) => `drive.files:${f}`) } },
    ];
  },
};
