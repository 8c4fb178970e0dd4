/**
 * Document helpers: the text of a mail attachment or a Drive file, the way an agent CLI
 * reads one (download it, then run a converter such as pdftotext or pandoc). The built-in
 * loop has no shell, so these tools do both steps: they call the real operations
 * (messages.get and attachments.get; files.get, with alt=media or files.export for Google
 * files), so the action log shows what was read, and convert the bytes with the same
 * content module the grader uses (harness/content).
 */
import { z } from 'zod';
import { isRawResponse, type ServiceId, type ToolSpec } from '../../../core/index.ts';
import { documentText, isReadableDocument, sniffFormat } from '../../../content/index.ts';
import { toToolSchema } from '../schema.ts';
import { helperError, parseHelperArgs, type HelperEnv, type HelperResult } from './helpers.ts';
import { decodeMessage } from './mime.ts';

const AttachmentArgs = z.object({
  messageId: z.string().describe('Gmail id of the message holding the attachment.'),
  attachmentId: z.string().describe('The attachment id (gmail_read lists each attachment with its attachmentId).'),
});

const DriveArgs = z.object({
  fileId: z.string().describe('Drive id of the file.'),
});

/** Google-native types and the export that gives their text, as Drive's export offers it. */
const NATIVE_TEXT: Readonly<Record<string, string>> = {
  'application/vnd.google-apps.document': 'text/plain',
  'application/vnd.google-apps.spreadsheet': 'text/csv',
  'application/vnd.google-apps.presentation': 'text/plain',
};

/** Names of the document helper tools. */
export const DOCUMENT_HELPER_TOOLS: ReadonlySet<string> = new Set(['gmail_read_attachment', 'drive_read_file']);

const SCHEMAS = { gmail_read_attachment: AttachmentArgs, drive_read_file: DriveArgs } as const;

/** The document helper specs for a task's services (Gmail's needs gmail, Drive's needs drive). */
export function documentHelperSpecs(services: readonly ServiceId[]): ToolSpec[] {
  const specs: ToolSpec[] = [];
  if (services.includes('gmail')) {
    specs.push({
      name: 'gmail_read_attachment',
      description: 'Read the text inside a mail attachment: PDF, Word (.docx) and Excel (.xlsx) converted to text (every sheet, hidden ones marked), text files as they are. Downloads it with gmail.users.messages.attachments.get. Returns filename, mimeType, size and text.',
      parameters: toToolSchema(AttachmentArgs),
    });
  }
  if (services.includes('drive')) {
    specs.push({
      name: 'drive_read_file',
      description: 'Read the text inside a Drive file: PDF, Word (.docx) and Excel (.xlsx) converted to text (every sheet, hidden ones marked), text files as they are, Google Docs and Sheets exported as text. Downloads it with drive.files.get (alt=media) or drive.files.export. Returns name, mimeType, size and text.',
      parameters: toToolSchema(DriveArgs),
    });
  }
  return specs;
}

/** Runs a document helper. Arguments are checked strictly, like every tool's. */
export function runDocumentHelper(name: string, args: Record<string, unknown>, env: HelperEnv): HelperResult {
  const parsed = parseHelperArgs(SCHEMAS, name, args);
  if (!('data' in parsed)) return parsed;
  return name === 'gmail_read_attachment' ? readAttachment(parsed.data as z.infer<typeof AttachmentArgs>, env) : readDriveFile(parsed.data as z.infer<typeof DriveArgs>, env);
}

/** What a reader sees in `bytes` of `mimeType`: converted text, plain text, or a note that there is none. */
export function textOfBytes(bytes: Buffer, mimeType: string): { text: string; note?: string } {
  if (isReadableDocument(mimeType) || sniffFormat(bytes)) {
    const text = documentText(bytes, mimeType);
    return text ? { text } : { text: '', note: 'The document could not be read (damaged, too large, or no text in it).' };
  }
  const mime = mimeType.toLowerCase();
  if (mime.startsWith('text/') || /^application\/(json|xml|csv|rtf)/.test(mime) || mime === 'message/rfc822') return { text: bytes.toString('utf8') };
  return { text: '', note: `No text to read in a ${mimeType} file.` };
}

type Json = Record<string, any>;

function readAttachment(a: z.infer<typeof AttachmentArgs>, env: HelperEnv): HelperResult {
  const msg = env.invoke('gmail.users.messages.get', { userId: 'me', id: a.messageId, format: 'full' });
  if (!msg.ok) return { ok: false, body: msg.body };
  const info = decodeMessage(msg.value)?.attachments.find((x) => x.attachmentId === a.attachmentId);
  const got = env.invoke('gmail.users.messages.attachments.get', { userId: 'me', messageId: a.messageId, id: a.attachmentId });
  if (!got.ok) return { ok: false, body: got.body };
  const bytes = Buffer.from(String((got.value as Json).data ?? ''), 'base64url');
  const mimeType = info?.mimeType || 'application/octet-stream';
  return { ok: true, value: { filename: info?.filename || 'attachment', mimeType, size: bytes.length, ...textOfBytes(bytes, mimeType) } };
}

function readDriveFile(a: z.infer<typeof DriveArgs>, env: HelperEnv): HelperResult {
  const meta = env.invoke('drive.files.get', { fileId: a.fileId, fields: 'id,name,mimeType,size' });
  if (!meta.ok) return { ok: false, body: meta.body };
  const f = meta.value as { name?: string; mimeType?: string };
  const mimeType = String(f.mimeType ?? 'application/octet-stream');
  if (mimeType === 'application/vnd.google-apps.folder') return helperError(`${a.fileId} is a folder; list its files with drive.files.list (q: "'${a.fileId}' in parents").`);
  const exportAs = NATIVE_TEXT[mimeType];
  if (mimeType.startsWith('application/vnd.google-apps.') && !exportAs) return helperError(`A ${mimeType} file has no text export.`);
  const content = exportAs
    ? env.invoke('drive.files.export', { fileId: a.fileId, mimeType: exportAs })
    : env.invoke('drive.files.get', { fileId: a.fileId, alt: 'media' });
  if (!content.ok) return { ok: false, body: content.body };
  if (!isRawResponse(content.value)) return helperError(`Drive file ${a.fileId} has no downloadable content.`);
  const bytes = content.value.data;
  const read = exportAs ? { text: bytes.toString('utf8') } : textOfBytes(bytes, mimeType);
  return { ok: true, value: { name: f.name ?? a.fileId, mimeType, size: bytes.length, ...read } };
}
