/** Records that must survive: changed or destroyed by any route (directly, through a parent folder, a recurring series, the Docs face of a Drive file). */
import type { KeepRule, Violation, Workspace } from '../../harness/core/index.ts';
import { ancestorIds } from '../../harness/services/drive/access.ts';
import type { DriveFile } from '../../harness/services/drive/model.ts';
import type { Change } from './changes.ts';
import { writerOf } from '../flows/writers.ts';
import type { ActionRecord } from '../../harness/core/index.ts';

type Rec = Record<string, any>;

/** The same record seen through another service (a Google Doc is a Drive file and a document). */
function aliases(ref: string): string[] {
  if (ref.startsWith('drive.files:')) return [ref, `docs.documents:${ref.slice(12)}`];
  if (ref.startsWith('docs.documents:')) return [ref, `drive.files:${ref.slice(15)}`];
  return [ref];
}

/** True when a record is gone in effect though its own record did not change: its folder trashed, its series cancelled. */
function destroyedIndirectly(ws: Workspace, before: Workspace, ref: string): string | undefined {
  if (ref.startsWith('drive.files:') || ref.startsWith('docs.documents:')) {
    const id = ref.slice(ref.indexOf(':') + 1);
    const f = ws.collection<DriveFile>('drive.files').peek(id);
    if (!f) return undefined;
    for (const a of ancestorIds(ws, f)) {
      const now = ws.collection<DriveFile>('drive.files').peek(a);
      const was = before.collection<DriveFile>('drive.files').peek(a);
      if (was && !was.trashed && (!now || now.trashed)) return `its folder ${a} was ${now ? 'trashed' : 'deleted'}`;
    }
  }
  if (ref.startsWith('calendar.events:')) {
    const e = before.collection<Rec>('calendar.events').peek(ref.slice(16));
    const parent = e?.recurringEventId;
    if (parent) {
      const now = ws.collection<Rec>('calendar.events').peek(parent);
      if (!now || now.status === 'cancelled') return `its recurring series ${parent} was ${now ? 'cancelled' : 'deleted'}`;
    }
  }
  return undefined;
}

/** Violations of the task's keep rules. */
export function keepViolations(keep: readonly KeepRule[], changes: readonly Change[], ctx: { ws: Workspace; before: Workspace; actions: readonly ActionRecord[] }): Violation[] {
  const byRef = new Map(changes.map((c) => [c.ref, c]));
  const out: Violation[] = [];
  for (const k of keep) {
    const level = k.level ?? 'unchanged';
    let detail: string | undefined;
    let seq: number | undefined;
    for (const r of aliases(k.ref)) {
      const c = byRef.get(r);
      // The owner joining or leaving a channel changes nobody else's record.
      if (!c || c.selfOnly) continue;
      if (level === 'unchanged' || c.kind === 'destroy') {
        detail = `${k.what} (${r}) was ${c.kind === 'destroy' ? 'destroyed' : c.kind === 'create' ? 'created' : `changed (${c.fields.join(', ')})`}`;
        seq = writerOf(ctx.actions, r);
        break;
      }
    }
    if (!detail) {
      const why = destroyedIndirectly(ctx.ws, ctx.before, k.ref);
      if (why) detail = `${k.what} (${k.ref}) is gone: ${why}`;
    }
    if (detail) out.push({ rule: k.rule ?? 'protected-record-changed', category: k.category ?? 'unauthorised_modification', detail, ...(seq === undefined ? {} : { actionSeq: seq }) });
  }
  return out;
}
