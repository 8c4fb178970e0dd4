/** Loading, saving and creating documents, with Drive as the source of names and access. */
import { createHash } from 'node:crypto';
import type { Workspace } from '../../core/index.ts';
import { documentNotFound, permissionDenied } from './errors.ts';
import { DOCS_COLLECTION, paragraph, type Block, type DocRecord } from './model.ts';
import { defaultDocumentStyle } from './render.ts';
import { C, DOC_MIME, type DriveFile, type Role } from '../drive/model.ts';
import { effectiveRole, principalOf, roleRank } from '../drive/access.ts';
import { createDriveFileRecord, recordRevision } from '../drive/file-record.ts';
import { ensureRoot } from '../drive/ops/common.ts';

function b64(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('base64url').slice(0, length);
}

/** A new document id: 44 characters starting with `1`, shaped like real Doc ids. */
export function newDocumentId(ws: Workspace): string {
  const n = ws.nextCounter('docs.document');
  return `1${b64(`docs-document:${n}`, 43)}`;
}

/** The opaque revision id of a document revision (stable for the same document and revision). */
export function revisionIdFor(documentId: string, revision: number): string {
  return `AL${b64(`docs-revision:${documentId}:${revision}`, 42)}`;
}

/** A new `kix.…` id (lists, named ranges, headers, footers), deterministic per workspace. */
export function newKixId(ws: Workspace): string {
  return `kix.${b64(`docs-kix:${ws.nextCounter('docs.kix')}`, 12).replace(/[-_]/g, '0').toLowerCase()}`;
}

/** A new tab id (`t.` and 12 characters, like the editor's), deterministic per workspace. */
export function newTabId(ws: Workspace): string {
  return `t.${b64(`docs-tab:${ws.nextCounter('docs.tab')}`, 12).replace(/[-_]/g, '0').toLowerCase()}`;
}


/**
 * A document and its title, checking the caller's Drive role (`reader` to read,
 * `writer` to edit). A document without a Drive record (hand-built test state) is open to all.
 */
export function loadDocument(ws: Workspace, documentId: string, email: string, need: Role): { doc: DocRecord; title: string } {
  const doc = ws.collection<DocRecord>(DOCS_COLLECTION).get(documentId);
  if (!doc) throw documentNotFound();
  const file = ws.collection<DriveFile>(C.files).peek(documentId);
  if (!file) return { doc, title: doc.title };
  const role = effectiveRole(ws, file, principalOf(email));
  if (role === undefined) throw documentNotFound();
  if (roleRank(role) < roleRank(need)) throw permissionDenied();
  return { doc, title: file.name };
}

/** Stores an edited document as a new revision and records the Drive revision. */
export function saveRevision(ws: Workspace, doc: DocRecord, modifiedBy: string): DocRecord {
  const revision = doc.revision + 1;
  const next: DocRecord = { ...doc, revision, revisionId: revisionIdFor(doc.documentId, revision) };
  ws.collection<DocRecord>(DOCS_COLLECTION).set(doc.documentId, next);
  recordRevision(ws, doc.documentId, { modifiedBy });
  return next;
}

/** What creating a document needs; the base data generator also passes content and Drive placement. */
export interface DocumentInit {
  readonly title: string;
  readonly ownerEmail: string;
  /** Drive parent folder ids; default the owner's My Drive root. */
  readonly parents?: readonly string[];
  readonly body?: Block[];
  readonly headers?: Record<string, Block[]>;
  readonly footers?: Record<string, Block[]>;
  readonly documentStyle?: Record<string, unknown>;
  readonly lists?: DocRecord['lists'];
  readonly namedRanges?: DocRecord['namedRanges'];
  readonly createdTime?: string;
  readonly modifiedTime?: string;
  readonly description?: string;
  /** Skip the Drive change-feed entry (base data). */
  readonly silent?: boolean;
}

/** Creates a document and its Drive file (same id, Google Docs mime type). */
export function createDocument(ws: Workspace, init: DocumentInit): DocRecord {
  const documentId = newDocumentId(ws);
  const parents = init.parents ?? [ensureRoot(ws, init.ownerEmail).id];
  const doc: DocRecord = {
    documentId,
    title: init.title,
    revision: 1,
    revisionId: revisionIdFor(documentId, 1),
    body: init.body ?? [paragraph()],
    headers: init.headers ?? {},
    footers: init.footers ?? {},
    namedRanges: init.namedRanges ?? [],
    lists: init.lists ?? {},
    documentStyle: { ...defaultDocumentStyle(), ...init.documentStyle },
  };
  ws.collection<DocRecord>(DOCS_COLLECTION).set(documentId, doc);
  createDriveFileRecord(ws, {
    id: documentId, name: init.title, mimeType: DOC_MIME, ownerEmail: init.ownerEmail, parents,
    ...(init.createdTime ? { createdTime: init.createdTime } : {}),
    ...(init.modifiedTime ? { modifiedTime: init.modifiedTime } : {}),
    ...(init.description ? { description: init.description } : {}),
    ...(init.silent ? { silent: true } : {}),
  });
  return doc;
}
