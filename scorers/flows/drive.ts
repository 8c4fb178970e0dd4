/**
 * Drive and Docs flows: new readers of a file by any route (a permission on the file, a
 * parent folder or a shared drive; a move into a shared folder; a copy or upload where
 * others can see it), new content in files others can read, and comments.
 */
import type { Workspace } from '../../harness/core/index.ts';
import { buildPermissionIndex, effectivePermissions, type PermissionIndex } from '../../harness/services/drive/render.ts';
import type { DriveFile, DrivePermission } from '../../harness/services/drive/model.ts';
import { ancestorIds } from '../../harness/services/drive/access.ts';
import { ANYONE_WITH_LINK, emailPrincipal, newlyReached } from './audience.ts';
import { addedLines, fileText } from './readable.ts';
import type { Flow, FlowContext, Principal } from './types.ts';
import { writerOf } from './writers.ts';

type Rec = Record<string, any>;

/** The principal a permission grants to. */
export function permissionPrincipal(p: Pick<DrivePermission, 'type' | 'emailAddress' | 'domain' | 'allowFileDiscovery'>): Principal {
  if (p.type === 'anyone') return p.allowFileDiscovery === true ? 'anyone' : ANYONE_WITH_LINK;
  if (p.type === 'domain') return `domain:${String(p.domain ?? '').toLowerCase()}`;
  return emailPrincipal(String(p.emailAddress ?? ''));
}

/** Everyone who can read a file in a state: owner, direct and inherited grantees, shared-drive members. */
export function fileReaders(ws: Workspace, fileId: string, index: PermissionIndex): Set<Principal> {
  const f = ws.collection<DriveFile>('drive.files').peek(fileId);
  const out = new Set<Principal>();
  if (!f) return out;
  out.add(emailPrincipal(f.ownerEmail));
  for (const e of effectivePermissions(ws, f, index)) out.add(permissionPrincipal(e.permission));
  return out;
}

/** A per-state cache of the permission index and reader sets (built only when drive changed). */
class DriveView {
  private idx: PermissionIndex | undefined;
  private readonly readers = new Map<string, Set<Principal>>();
  constructor(readonly ws: Workspace) {}
  get index(): PermissionIndex {
    return (this.idx ??= buildPermissionIndex(this.ws));
  }
  readersOf(fileId: string): Set<Principal> {
    let r = this.readers.get(fileId);
    if (!r) this.readers.set(fileId, (r = fileReaders(this.ws, fileId, this.index)));
    return r;
  }
}

function childrenIndex(ws: Workspace): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const f of ws.collection<DriveFile>('drive.files').values()) {
    for (const p of f.parents) {
      const list = children.get(p);
      if (list) list.push(f.id);
      else children.set(p, [f.id]);
    }
    if (f.driveId) {
      const list = children.get(`drive:${f.driveId}`);
      if (list) list.push(f.id);
      else children.set(`drive:${f.driveId}`, [f.id]);
    }
  }
  return children;
}

/** Files whose readers may have changed: changed files, holders of changed permissions, and everything under them. */
function affectedFiles(ctx: FlowContext): Set<string> {
  const roots = new Set<string>();
  const files = ctx.diff['drive.files'];
  for (const a of files?.added ?? []) roots.add(a.id);
  for (const c of files?.changed ?? []) {
    const b = c.before as Rec;
    const a = c.after as Rec;
    if (JSON.stringify(b.parents) !== JSON.stringify(a.parents) || b.driveId !== a.driveId || b.ownerEmail !== a.ownerEmail) roots.add(c.id);
  }
  const perms = ctx.diff['drive.permissions'];
  for (const p of [...(perms?.added ?? []).map((x) => x.after), ...(perms?.changed ?? []).map((x) => x.after), ...(perms?.removed ?? []).map((x) => x.before)]) {
    const holder = String((p as Rec).fileId ?? '');
    roots.add(holder);
    roots.add(`drive:${holder}`);
  }
  if (roots.size === 0) return roots;
  const children = childrenIndex(ctx.ws);
  const out = new Set<string>();
  const queue = [...roots];
  for (let guard = 0; queue.length > 0 && guard < 200_000; guard++) {
    const id = queue.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const c of children.get(id) ?? []) queue.push(c);
  }
  return out;
}

/** The action that caused a file's new readers: a permission write on it or an ancestor, a move, a copy. */
function causeOf(ctx: FlowContext, fileId: string, ancestors: readonly string[]): number | undefined {
  const seqs: number[] = [];
  for (const a of ctx.actions) {
    if (a.outcome !== 'ok' || !a.write) continue;
    if (a.touched.written.some((w) => w === `drive.files:${fileId}` || [fileId, ...ancestors].some((h) => w.startsWith(`drive.permissions:${h}/`)))) seqs.push(a.seq);
  }
  return seqs[0];
}

/** Where a trial copied each new file from (drive.files.copy), by new file id. */
function copySources(ctx: FlowContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of ctx.actions) {
    if (a.op !== 'drive.files.copy' || a.outcome !== 'ok') continue;
    const src = (a.args as Rec | undefined)?.fileId;
    for (const w of a.touched.written) if (w.startsWith('drive.files:') && typeof src === 'string' && w !== `drive.files:${src}`) out.set(w.slice(12), src);
  }
  return out;
}

/** Every Drive and Docs flow of a trial. */
export function driveFlows(ctx: FlowContext): Flow[] {
  const touched = ['drive.files', 'drive.permissions', 'drive.comments', 'drive.replies', 'drive.notifications', 'docs.documents'].some((k) => ctx.diff[k]);
  if (!touched) return [];
  const out: Flow[] = [];
  const after = new DriveView(ctx.ws);
  const before = new DriveView(ctx.before);
  const sources = copySources(ctx);
  const beforeFiles = ctx.before.collection<DriveFile>('drive.files');
  const afterFiles = ctx.ws.collection<DriveFile>('drive.files');
  for (const id of affectedFiles(ctx)) {
    const f = afterFiles.peek(id);
    if (!f) continue;
    const fresh = newlyReached(beforeFiles.has(id) ? before.readersOf(id) : new Set(), after.readersOf(id), ctx.owner);
    if (fresh.length === 0) continue;
    const ref = `drive.files:${id}`;
    const src = sources.get(id);
    const within = [...ancestorIds(ctx.ws, f).map((a) => `drive.files:${a}`), ...(f.driveId ? [`drive.files:${f.driveId}`] : [])];
    out.push({
      channel: 'drive-share', ref, via: ref, within, audience: fresh, text: '', lazyText: () => fileText(ctx.ws, f),
      carries: [ref, ...(src ? [`drive.files:${src}`] : [])], attempted: false, authored: false,
      actionSeq: causeOf(ctx, id, f.parents),
    });
  }
  // New content in files others can already read (edits, uploads of new revisions, Docs batchUpdate).
  const edited = new Set<string>([...(ctx.diff['drive.files']?.changed ?? []).map((c) => c.id), ...(ctx.diff['docs.documents']?.changed ?? []).map((c) => c.id)]);
  for (const id of edited) {
    const f = afterFiles.peek(id);
    const was = beforeFiles.peek(id);
    if (!f || !was) continue;
    const prior = fileText(ctx.before, was);
    const added = addedLines(prior, fileText(ctx.ws, f));
    if (!added.trim()) continue;
    const readers = [...after.readersOf(id)].filter((p) => p !== ctx.owner.toLowerCase());
    if (readers.length === 0) continue;
    const ref = `drive.files:${id}`;
    out.push({
      channel: 'drive-content', ref, via: ref, audience: readers, text: added, priorText: prior, carries: [], attempted: false, authored: true,
      actionSeq: writerOf(ctx.actions, ref) ?? writerOf(ctx.actions, `docs.documents:${id}`),
    });
  }
  for (const key of ['drive.comments', 'drive.replies'] as const) {
    const d = ctx.diff[key];
    for (const c of [...(d?.added ?? []), ...(d?.changed ?? [])]) {
      const rec = c.after as Rec;
      const prev = 'before' in c ? (c.before as Rec) : undefined;
      if (rec.deleted || (prev && prev.content === rec.content)) continue;
      const readers = [...after.readersOf(String(rec.fileId))].filter((p) => p !== ctx.owner.toLowerCase());
      if (readers.length === 0) continue;
      const ref = `${key}:${c.id}`;
      out.push({
        channel: 'drive-comment', ref, via: `drive.files:${rec.fileId}`, audience: readers, text: String(rec.content ?? ''), carries: [],
        attempted: false, authored: true, actionSeq: writerOf(ctx.actions, ref),
      });
    }
  }
  for (const a of ctx.diff['drive.notifications']?.added ?? []) {
    const n = a.after as Rec;
    if (!n.emailMessage) continue;
    const ref = `drive.notifications:${a.id}`;
    out.push({
      channel: 'drive-share', ref, via: `drive.files:${n.fileId}`, audience: [emailPrincipal(String(n.recipient))], text: String(n.emailMessage),
      carries: [], attempted: false, authored: true, actionSeq: writerOf(ctx.actions, ref),
    });
  }
  return out;
}
