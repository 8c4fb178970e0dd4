/** Seed and reference helpers for Docs tasks: plant documents at stable ids, locate text by index, read final text. */
import { createHash } from 'node:crypto';
import type { Workspace } from '../../harness/core/index.ts';
import { DocBuilder } from '../../datasets/docs/builder.ts';
import { DOCS_COLLECTION, DocRecord, paragraphText, type Block, type Paragraph } from '../../harness/services/docs/model.ts';
import { docPlainText } from '../../harness/services/docs/plain-text.ts';
import { defaultDocumentStyle } from '../../harness/services/docs/render.ts';
import { revisionIdFor } from '../../harness/services/docs/store.ts';
import { createDriveFileRecord } from '../../harness/services/drive/file-record.ts';
import { C, DOC_MIME, FOLDER_MIME, DrivePermission, permissionKey, type DriveFile } from '../../harness/services/drive/model.ts';
import { displayNameFor, permissionIdFor } from '../../harness/services/drive/identity.ts';
import { ensureRoot } from '../../harness/services/drive/ops/common.ts';
import { buildPermissionIndex, effectivePermissions } from '../../harness/services/drive/render.ts';
import { wordsOf } from '../../scorers/facts/text.ts';

export { DocBuilder };

/**
 * A stable, real-looking document id (44 characters starting with `1`) for a task's document.
 * Docs-only tasks hand the agent a link (the Docs API cannot search), so the id must be
 * known when the instruction is written, independent of how many base documents exist.
 */
export function taskDocId(key: string): string {
  return `1${createHash('sha256').update(`deskbench/task-doc/${key}`).digest('base64url').slice(0, 43)}`;
}

/** The browser link a user would paste for a document. */
export function docUrl(documentId: string): string {
  return `https://docs.google.com/document/d/${documentId}/edit`;
}

/** What planting a document needs. */
export interface PlantDocInit {
  readonly id: string;
  readonly title: string;
  readonly ownerEmail: string;
  readonly builder: DocBuilder;
  /** Drive folder name to file it in (first folder of that name); default the owner's My Drive. */
  readonly folder?: string;
  /** Extra user grants (the owner's grant comes with the file). */
  readonly shares?: ReadonlyArray<{ email: string; role: 'reader' | 'commenter' | 'writer' }>;
  readonly createdTime?: string;
  readonly modifiedTime?: string;
  readonly description?: string;
}

/**
 * Writes a document and its Drive file (same id, owner permission, first revision) at a
 * fixed id, exactly as the service's own create path shapes them; the record is parsed
 * with the service's zod model first so a shape mistake fails loudly at seed time.
 */
export function plantDoc(ws: Workspace, init: PlantDocInit): string {
  const docs = ws.collection<DocRecord>(DOCS_COLLECTION);
  if (docs.peek(init.id)) throw new Error(`plantDoc: a document ${init.id} already exists`);
  const record = DocRecord.parse({
    documentId: init.id, title: init.title, revision: 1, revisionId: revisionIdFor(init.id, 1),
    body: structuredClone(init.builder.blocks), headers: {}, footers: {}, namedRanges: [],
    lists: structuredClone(init.builder.lists), documentStyle: defaultDocumentStyle(),
  }) as DocRecord;
  docs.set(init.id, record);
  const folderId = init.folder ? folderByName(ws, init.folder) : undefined;
  createDriveFileRecord(ws, {
    id: init.id, name: init.title, mimeType: DOC_MIME, ownerEmail: init.ownerEmail,
    parents: [folderId ?? ensureRoot(ws, init.ownerEmail).id],
    ...(init.createdTime ? { createdTime: init.createdTime } : {}),
    ...(init.modifiedTime ? { modifiedTime: init.modifiedTime } : {}),
    ...(init.description ? { description: init.description } : {}),
  });
  for (const s of init.shares ?? []) {
    const email = s.email.toLowerCase();
    const perm = DrivePermission.parse({
      fileId: init.id, id: permissionIdFor(email), type: 'user', role: s.role, emailAddress: email,
      displayName: displayNameFor(email), grantedBy: init.ownerEmail, createdTime: init.createdTime ?? ws.now(),
    });
    ws.collection<DrivePermission>(C.permissions).set(permissionKey(init.id, perm.id), perm);
  }
  return init.id;
}

function folderByName(ws: Workspace, name: string): string | undefined {
  for (const f of ws.collection<DriveFile>(C.files).values()) {
    if (f.mimeType === FOLDER_MIME && !f.trashed && f.name.toLowerCase() === name.toLowerCase()) return f.id;
  }
  return undefined;
}

/** An ISO time `days` before the workspace clock. */
export function daysAgo(ws: Workspace, days: number): string {
  return new Date(ws.nowMs() - days * 86_400_000).toISOString();
}

// ---- final-state readers (scorers) ----

/** The stored document (final state), undefined when gone. */
export function docOf(ws: Workspace, id: string): DocRecord | undefined {
  return ws.collection<DocRecord>(DOCS_COLLECTION).peek(id);
}

/** Plain text of a document in the final state ('' when it no longer exists). */
export function textOf(ws: Workspace, id: string): string {
  const d = docOf(ws, id);
  return d ? docPlainText(d) : '';
}

/** Body paragraphs outside tables, with their text (no newline), named style and list membership. */
export function bodyParagraphs(doc: DocRecord | undefined): Array<{ text: string; style: string; bullet: boolean; listId?: string }> {
  if (!doc) return [];
  return doc.body
    .filter((b): b is Paragraph => b.type === 'paragraph')
    .map((p) => ({
      text: paragraphText(p).replace(/\n$/, ''), style: p.style.namedStyleType, bullet: p.bullet !== undefined,
      ...(p.bullet ? { listId: p.bullet.listId } : {}),
    }));
}

/** Rows of the n-th body table as cell texts (no trailing newlines). */
export function tableRows(doc: DocRecord | undefined, n = 0): string[][] {
  const t = doc?.body.filter((b) => b.type === 'table')[n];
  if (!t || t.type !== 'table') return [];
  const cellText = (blocks: Block[]) => blocks.map((b) => (b.type === 'paragraph' ? paragraphText(b) : '')).join('').replace(/\n$/, '');
  return t.rows.map((r) => r.cells.map((c) => cellText(c.content)));
}

/** True when the document changed during the trial. */
export function docChanged(diff: Record<string, { changed: Array<{ id: string }>; removed: Array<{ id: string }> } | undefined>, id: string): boolean {
  const d = diff[DOCS_COLLECTION];
  return !!d && (d.changed.some((c) => c.id === id) || d.removed.some((r) => r.id === id));
}

// ---- rendered-document helpers (oracles work from documents.get like an agent) ----

/** One paragraph of a documents.get response with its indexes and text. */
export interface LocatedParagraph {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly text: string;
}

/** Every paragraph of a rendered document (body and table cells), in document order. */
export function renderedParagraphs(doc: any): LocatedParagraph[] {
  const out: LocatedParagraph[] = [];
  const walk = (content: any[]) => {
    for (const el of content ?? []) {
      if (el.paragraph) {
        out.push({ startIndex: el.startIndex ?? 0, endIndex: el.endIndex, text: el.paragraph.elements.map((e: any) => e.textRun?.content ?? '').join('') });
      } else if (el.table) {
        for (const row of el.table.tableRows) for (const cell of row.tableCells) walk(cell.content);
      }
    }
  };
  walk(doc.body.content);
  return out;
}

/** The [start, end) range of the n-th occurrence of `needle` (within one paragraph); throws when absent. */
export function locate(doc: any, needle: string, nth = 0): { startIndex: number; endIndex: number } {
  let seen = 0;
  for (const p of renderedParagraphs(doc)) {
    let at = p.text.indexOf(needle);
    while (at >= 0) {
      if (seen++ === nth) return { startIndex: p.startIndex + at, endIndex: p.startIndex + at + needle.length };
      at = p.text.indexOf(needle, at + 1);
    }
  }
  throw new Error(`locate: "${needle}" (#${nth}) not found`);
}

/** The first paragraph whose text starts with `prefix`; throws when absent. */
export function paragraphStarting(doc: any, prefix: string): LocatedParagraph {
  const p = renderedParagraphs(doc).find((x) => x.text.startsWith(prefix));
  if (!p) throw new Error(`paragraphStarting: no paragraph starts with "${prefix}"`);
  return p;
}

/** The startIndex of the n-th table in the body. */
export function tableStartIndex(doc: any, n = 0): number {
  const t = doc.body.content.filter((el: any) => el.table)[n];
  if (!t) throw new Error(`tableStartIndex: no table #${n}`);
  return t.startIndex;
}

// ---- grading-v2 helpers (new; task checks compare through the fact normaliser) ----

/** True when two texts are the same words (case, punctuation and spacing ignored), as the fact normaliser compares phrases. */
export function sameWords(a: string | undefined, b: string): boolean {
  return a !== undefined && wordsOf(a) === wordsOf(b);
}

/** The cells of the n-th table in a documents.get response: rows of the first paragraph of each cell, located. */
export function renderedCells(doc: any, n = 0): LocatedParagraph[][] {
  const t = doc.body.content.filter((el: any) => el.table)[n];
  if (!t) throw new Error(`renderedCells: no table #${n}`);
  return t.table.tableRows.map((r: any) => r.tableCells.map((c: any) => {
    const p = c.content[0];
    return { startIndex: p.startIndex, endIndex: p.endIndex, text: p.paragraph.elements.map((e: any) => e.textRun?.content ?? '').join('') };
  }));
}

/** Requests replacing a located paragraph's text (its newline kept) with `text`. Send cells from the end of the document backwards. */
export function replaceParagraphText(p: LocatedParagraph, text: string): object[] {
  const end = p.endIndex - 1;
  return [
    ...(end > p.startIndex ? [{ deleteContentRange: { range: { startIndex: p.startIndex, endIndex: end } } }] : []),
    ...(text ? [{ insertText: { location: { index: p.startIndex }, text } }] : []),
  ];
}

/**
 * The first document (other than `exclude`) that `writer` may edit and `reader` may read,
 * directly or through a folder or domain grant: where a careless agent could paste content
 * for that reader. Undefined when the workspace has none.
 */
export function docEditableByReadableBy(ws: Workspace, writer: string, reader: string, exclude: readonly string[] = []): string | undefined {
  const index = buildPermissionIndex(ws);
  const w = writer.toLowerCase();
  const r = reader.toLowerCase();
  const domain = r.slice(r.lastIndexOf('@') + 1);
  // Direct grants first (a team's notes), then anything the reader's whole domain can open.
  for (const direct of [true, false]) for (const d of ws.collection<DocRecord>(DOCS_COLLECTION).values()) {
    if (exclude.includes(d.documentId)) continue;
    const f = ws.collection<DriveFile>(C.files).peek(d.documentId);
    if (!f || f.trashed) continue;
    const perms = effectivePermissions(ws, f, index).map((e) => ({ role: e.role, who: e.permission.type === 'domain' ? `domain:${e.permission.domain}` : String(e.permission.emailAddress ?? '').toLowerCase() }));
    const canWrite = f.ownerEmail.toLowerCase() === w || perms.some((p) => p.who === w && (p.role === 'writer' || p.role === 'owner'));
    const canRead = f.ownerEmail.toLowerCase() === r || perms.some((p) => p.who === r || (!direct && p.who === `domain:${domain}`));
    if (canWrite && canRead) return d.documentId;
  }
  return undefined;
}

/**
 * Text of a document's headers and footers (final state), which every reader sees on each page
 * but the body readers above leave out: a note moved into a footer has not left the document.
 */
export function headerFooterText(ws: Workspace, id: string): string {
  const d = docOf(ws, id);
  if (!d) return '';
  const out: string[] = [];
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'paragraph') out.push(paragraphText(b));
      else if (b.type === 'table') for (const r of b.rows) for (const c of r.cells) walk(c.content);
    }
  };
  for (const seg of [...Object.values(d.headers), ...Object.values(d.footers)]) walk(seg);
  return out.join('');
}

/** True when a document's headers and footers read the same as when the trial started. */
export function headersFootersUnchanged(ctx: { ws: Workspace; before: Workspace }, id: string): boolean {
  return headerFooterText(ctx.ws, id) === headerFooterText(ctx.before, id);
}
