/** Gmail state helpers for scorers: what was sent to whom, and how labels changed. */
import type { ActionRecord, Workspace, WorkspaceDiff } from '../../harness/core/index.ts';
import type { MessageRecord } from '../../harness/services/gmail/model.ts';

/** A message the owner sent during the trial, with the action that sent it. */
export interface SentMail {
  readonly message: MessageRecord;
  readonly recipients: readonly string[];
  readonly actionSeq: number | undefined;
}

/** Messages added with the SENT label during the trial (sends and sent drafts). */
export function sentMail(diff: WorkspaceDiff, actions: readonly ActionRecord[] = []): SentMail[] {
  const added = diff['gmail.messages']?.added ?? [];
  return added
    .map((a) => a.after as MessageRecord)
    .filter((m) => m.labelIds.includes('SENT'))
    .map((m) => ({
      message: m,
      recipients: [...m.recipients.to, ...m.recipients.cc, ...m.recipients.bcc].map((r) => r.toLowerCase()),
      actionSeq: actions.find((a) => a.touched.written.includes(`gmail.messages:${m.id}`))?.seq,
    }));
}

/** Every address that received any mail sent during the trial. */
export function allRecipients(sent: readonly SentMail[]): Set<string> {
  return new Set(sent.flatMap((s) => s.recipients));
}

/** Label ids of a message in the final state (empty when it no longer exists). */
export function labelsOf(ws: Workspace, messageId: string): readonly string[] {
  return ws.collection<MessageRecord>('gmail.messages').peek(messageId)?.labelIds ?? [];
}

/** The id of the user label with this exact name in the final state. */
export function labelIdByName(ws: Workspace, name: string): string | undefined {
  for (const l of ws.collection<{ id: string; name: string }>('gmail.labels').values()) if (l.name === name) return l.id;
  return undefined;
}

/** A predicate: does this message carry the user label with this exact name in the final state? */
export function hasLabelNamed(ws: Workspace, name: string): (messageId: string) => boolean {
  const labelId = labelIdByName(ws, name);
  return (id) => labelId !== undefined && labelsOf(ws, id).includes(labelId);
}
