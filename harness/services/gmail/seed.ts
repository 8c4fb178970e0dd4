/** Seed helpers for tasks: put a message (needle, trap, decoy, injection) into a mailbox without the HTTP face. */
import { hexId, type Workspace } from '../../core/index.ts';
import type { Mailbox } from './address.ts';
import { buildMessage } from './compose.ts';
import { addMessage, newMessageId, threadMessages } from './mailbox.ts';
import type { Attachment, LabelRecord, MessageRecord } from './model.ts';
import { C } from './model.ts';

/** What a task says about a message it plants. */
export interface SeedMessage {
  /** Mailbox owner (the trial's principal). */
  readonly mailbox: string;
  readonly from: Mailbox;
  readonly to: readonly Mailbox[];
  readonly cc?: readonly Mailbox[];
  readonly bcc?: readonly Mailbox[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Default: INBOX + UNREAD (received mail). Use ['SENT'] for the owner's own mail. */
  readonly labelIds?: readonly string[];
  /** Epoch ms; default the workspace clock. */
  readonly at?: number;
  /** Reply into this thread (In-Reply-To/References are filled from its last message). */
  readonly threadId?: string;
  /** Attachments: give `data` (base64url) for real bytes, or only a size for generated ones. */
  readonly attachments?: ReadonlyArray<Omit<Attachment, 'attachmentId'> & { attachmentId?: string }>;
}

/** Adds a message to the mailbox (with history) and returns the stored record. */
export function seedMessage(ws: Workspace, s: SeedMessage): MessageRecord {
  const at = s.at ?? ws.nowMs();
  const id = newMessageId(ws, at);
  const thread = s.threadId ? threadMessages(ws, s.threadId) : [];
  const last = thread.at(-1);
  const domain = s.from.address.slice(s.from.address.lastIndexOf('@') + 1);
  const rec = buildMessage({
    id, threadId: last ? last.threadId : id, labelIds: s.labelIds ?? ['INBOX', 'UNREAD'], internalDate: at,
    from: s.from, to: s.to, cc: s.cc ?? [], bcc: s.bcc ?? [], subject: s.subject,
    messageId: `<${hexId('gmail.seed.msgid', ws.nextCounter('gmail.msgid'), 24)}@${domain}>`,
    ...(last ? { inReplyTo: last.messageId, references: [...last.references, last.messageId] } : {}),
    text: s.text, ...(s.html !== undefined ? { html: s.html } : {}),
    attachments: (s.attachments ?? []).map((a) => ({
      ...a, attachmentId: a.attachmentId ?? `ANGjdJ${hexId('gmail.attachment', ws.nextCounter('gmail.attachment'), 40)}`,
    })),
  });
  return addMessage(ws, s.mailbox.toLowerCase(), rec);
}

/** Creates a user label (or returns the existing one with that name) and returns its id. */
export function seedLabel(ws: Workspace, name: string): string {
  const labels = ws.collection<LabelRecord>(C.labels);
  for (const l of labels.values()) if (l.name.toLowerCase() === name.toLowerCase()) return l.id;
  const id = `Label_${ws.nextCounter('gmail.label')}`;
  labels.set(id, { id, name, type: 'user', messageListVisibility: 'show', labelListVisibility: 'labelShow' });
  return id;
}
