/** Evaluator of parsed Drive queries against file records, from one caller's point of view. */
import type { Workspace } from '../../../core/index.ts';
import { documentPlainText } from '../../docs/plain-text.ts';
import { effectiveRole, principalOf, roleRank, type Principal } from '../access.ts';
import { fileText } from '../file-record.ts';
import { DOC_MIME, permissionKey, type DriveFile, type DrivePermission } from '../model.ts';
import { C } from '../model.ts';
import type { CmpOp, QueryNode } from './parse.ts';

/** Per-call evaluation context: caches principals and extracted text across files. */
export class QueryContext {
  private readonly principals = new Map<string, Principal>();
  private readonly texts = new Map<string, string>();
  private readonly perms;
  constructor(readonly ws: Workspace, readonly me: Principal) {
    this.perms = ws.collection<DrivePermission>(C.permissions);
  }
  /** The principal of an address; `me` is the caller, as in Drive's `'me' in owners`. */
  principal(email: string): Principal {
    const key = email.toLowerCase() === 'me' ? this.me.email : email.toLowerCase();
    let p = this.principals.get(key);
    if (!p) {
      p = principalOf(key);
      this.principals.set(key, p);
    }
    return p;
  }
  permission(holderId: string, permissionId: string): DrivePermission | undefined {
    return this.perms.peek(permissionKey(holderId, permissionId));
  }
  /**
   * The fullText of a file, extracted once per call however many terms read it; the first
   * extraction spends work in proportion to the text (a Doc is rendered to plain text).
   */
  text(file: DriveFile): string {
    let t = this.texts.get(file.id);
    if (t === undefined) {
      t = searchableText(this.ws, file);
      this.ws.spend(1 + (t.length >> 9));
      this.texts.set(file.id, t);
    }
    return t;
  }
}

/** True when `needle` occurs in `hay` at the start of a word (Drive's prefix matching), case-insensitively. */
export function wordPrefixMatch(hay: string, needle: string): boolean {
  const h = hay.toLowerCase();
  const n = needle.toLowerCase().trim();
  if (n === '') return true;
  let at = h.indexOf(n);
  while (at >= 0) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(h[at - 1]!)) return true;
    at = h.indexOf(n, at + 1);
  }
  return false;
}

/** The text fullText search looks at: name, description and content (Docs through the docs service). */
export function searchableText(ws: Workspace, file: DriveFile): string {
  const body = file.mimeType === DOC_MIME ? documentPlainText(ws, file.id) : fileText(file);
  return `${file.name}\n${file.description ?? ''}\n${body ?? ''}`;
}

/** Link visibility of a file, as `visibility = '…'` sees it (own and inherited grants). */
export function visibilityOf(ctx: QueryContext, file: DriveFile, holders: readonly string[]): string {
  let domain: DrivePermission | undefined;
  for (const h of holders) {
    const anyoneFind = ctx.permission(h, 'anyone');
    if (anyoneFind) return 'anyoneCanFind';
    if (ctx.permission(h, 'anyoneWithLink')) return 'anyoneWithLink';
    domain ??= ctx.permission(h, ctx.me.domainPid);
  }
  void file;
  if (domain) return domain.allowFileDiscovery ? 'domainCanFind' : 'domainWithLink';
  return 'limited';
}

function cmp(a: number, op: CmpOp, b: number): boolean {
  switch (op) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}

function timeOf(ctx: QueryContext, file: DriveFile, field: string): number | undefined {
  switch (field) {
    case 'modifiedTime': return Date.parse(file.modifiedTime);
    case 'createdTime': return Date.parse(file.createdTime);
    case 'viewedByMeTime': return file.viewedByMeTime ? Date.parse(file.viewedByMeTime) : undefined;
    case 'modifiedByMeTime':
      return file.lastModifyingUserEmail?.toLowerCase() === ctx.me.email ? Date.parse(file.modifiedTime) : undefined;
    case 'sharedWithMeTime': {
      const p = ctx.permission(file.id, ctx.me.userPid);
      return p && file.ownerEmail.toLowerCase() !== ctx.me.email ? Date.parse(p.createdTime ?? file.createdTime) : undefined;
    }
    default: return undefined;
  }
}

/**
 * Evaluates a query on one file. `holders` is the file id then its ancestors (computed once by
 * the caller). Each node spends a unit of the call's work budget (text matches spend by length).
 */
export function evaluate(node: QueryNode, ctx: QueryContext, file: DriveFile, holders: () => readonly string[]): boolean {
  ctx.ws.spend(1);
  switch (node.t) {
    case 'and': return evaluate(node.l, ctx, file, holders) && evaluate(node.r, ctx, file, holders);
    case 'or': return evaluate(node.l, ctx, file, holders) || evaluate(node.r, ctx, file, holders);
    case 'not': return !evaluate(node.e, ctx, file, holders);
    case 'text': {
      if (node.field === 'fullText') {
        const text = ctx.text(file);
        ctx.ws.spend(1 + (text.length >> 10));
        return wordPrefixMatch(text, node.value);
      }
      const v = node.field === 'name' ? file.name : node.field === 'mimeType' ? file.mimeType : visibilityOf(ctx, file, holders());
      if (node.op === 'contains') return node.field === 'name' ? wordPrefixMatch(v, node.value) : v.includes(node.value);
      const eq = node.field === 'name' ? v.toLowerCase() === node.value.toLowerCase() : v === node.value;
      return node.op === '=' ? eq : !eq;
    }
    case 'time': {
      const t = timeOf(ctx, file, node.field);
      return t !== undefined && cmp(t, node.op, node.value);
    }
    case 'bool': {
      const v = node.field === 'trashed' ? file.trashed : node.field === 'starred' ? file.starred : false;
      return node.op === '=' ? v === node.value : v !== node.value;
    }
    case 'in': {
      if (node.field === 'parents') return file.parents.includes(node.value);
      if (node.field === 'owners') return file.ownerEmail.toLowerCase() === ctx.principal(node.value).email;
      const role = effectiveRole(ctx.ws, file, ctx.principal(node.value));
      return roleRank(role) >= roleRank(node.field === 'writers' ? 'writer' : 'reader');
    }
    case 'sharedWithMe':
      return file.ownerEmail.toLowerCase() !== ctx.me.email && ctx.permission(file.id, ctx.me.userPid) !== undefined;
    case 'has': {
      const props = node.field === 'properties' ? file.properties : file.appProperties;
      return props?.[node.key] === node.value;
    }
  }
}
