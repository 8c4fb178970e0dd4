/**
 * Real documents for tasks: PDF, docx and xlsx bytes written by the content module from
 * plain data, planted as Drive files or mail attachments (exactly as the services store
 * uploaded bytes), and their text read back for checks and references.
 */
import { isRawResponse, type TaskApi, type Workspace } from '../../harness/core/index.ts';
import { DOCUMENT_MIME, writeDocument, type ContentSpec } from '../../harness/content/index.ts';
import { createDriveFileRecord } from '../../harness/services/drive/file-record.ts';
import { ensureRoot } from '../../harness/services/drive/ops/common.ts';
import { grantPermission, type GrantSpec } from '../../harness/services/drive/seed.ts';
import type { Attachment } from '../../harness/services/gmail/model.ts';

export { DOCUMENT_MIME, documentText, writeDocument, type ContentSpec } from '../../harness/content/index.ts';

/** A mail attachment holding a real document (for `seedMessage`/`plantThread` attachments, or to send). */
export function documentAttachment(filename: string, spec: ContentSpec, date?: string): Omit<Attachment, 'attachmentId'> {
  const bytes = writeDocument(spec, date);
  return { filename, mimeType: DOCUMENT_MIME[spec.format], size: bytes.length, data: bytes.toString('base64url') };
}

/** What `plantDocument` needs. */
export interface PlantDocumentInit {
  readonly name: string;
  readonly ownerEmail: string;
  readonly spec: ContentSpec;
  readonly parentId?: string;
  readonly description?: string;
  /** ISO; also the document's own creation date. Default: the workspace clock. */
  readonly createdTime?: string;
  readonly modifiedTime?: string;
  /** Grants besides the owner's. */
  readonly shares?: readonly GrantSpec[];
}

/** Plants a Drive file whose bytes are a real document (as an upload stores them); returns its id. */
export function plantDocument(ws: Workspace, init: PlantDocumentInit): string {
  const created = init.createdTime ?? ws.now();
  const data = writeDocument(init.spec, created);
  const file = createDriveFileRecord(ws, {
    name: init.name, mimeType: DOCUMENT_MIME[init.spec.format], ownerEmail: init.ownerEmail, parents: [init.parentId ?? ensureRoot(ws, init.ownerEmail).id],
    createdTime: created, modifiedTime: init.modifiedTime ?? created,
    ...(init.description !== undefined ? { description: init.description } : {}),
    data, silent: true,
  });
  for (const g of init.shares ?? []) grantPermission(ws, file.id, { grantedBy: init.ownerEmail, createdTime: created, ...g });
  return file.id;
}

/** The bytes of a mail attachment as Gmail's attachments.get returns them (base64url), decoded. */
export function attachmentBytes(api: TaskApi, messageId: string, attachmentId: string): Buffer {
  const a = api.call<{ data: string }>('gmail.users.messages.attachments.get', { userId: 'me', messageId, id: attachmentId });
  return Buffer.from(a.data, 'base64url');
}

/** The bytes of a Drive file (files.get with alt=media). */
export function driveFileBytes(api: TaskApi, fileId: string): Buffer {
  const r = api.call<unknown>('drive.files.get', { fileId, alt: 'media' });
  return isRawResponse(r) ? r.data : Buffer.alloc(0);
}
