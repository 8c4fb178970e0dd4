/**
 * Building blocks for a task's counterparties (`behaviour: () => ({ responders: [...] })`):
 * triggers that recognise what the agent did, and reactions that write what the other
 * person would (a reply in the same thread, a post in a channel), the way seeds write.
 */
import type { ActionRecord, Responder, Workspace } from '../../harness/core/index.ts';
import type { Person } from '../../datasets/company/company.ts';
import type { MessageRecord } from '../../harness/services/gmail/model.ts';
import { seedMessage } from '../../harness/services/gmail/seed.ts';
import { OWNER } from '../people.ts';
import { mbx } from './gmail.ts';

/** The messages a successful agent write put in the owner's Sent mail. */
export function sentBy(action: ActionRecord): MessageRecord[] {
  if (action.kind !== 'call' || action.outcome !== 'ok') return [];
  return (action.changes ?? [])
    .filter((c) => c.ref.startsWith('gmail.messages:') && c.after !== undefined)
    .map((c) => c.after as MessageRecord)
    .filter((m) => m.labelIds.includes('SENT') && !m.labelIds.includes('DRAFT'));
}

/** A trigger: the agent sent mail to `email` (to or cc), optionally only when `test` accepts the message. */
export function mailSentTo(email: string, test: (m: MessageRecord) => boolean = () => true): Responder['when'] {
  const who = email.toLowerCase();
  return (action) => sentBy(action).some((m) => [...m.recipients.to, ...m.recipients.cc].some((r) => r.toLowerCase() === who) && test(m));
}

/** The agent's message that triggered a reaction (the first sent one). */
export function triggeringMail(trigger: ActionRecord): MessageRecord | undefined {
  return sentBy(trigger)[0];
}

/**
 * A reaction: `from` answers the agent's message in the same thread (Re: subject,
 * In-Reply-To), delivered to the owner's inbox unread at the workspace's current time.
 */
export function replyInThread(from: Person, text: (trigger: MessageRecord) => string): Responder['act'] {
  return (ws: Workspace, trigger: ActionRecord) => {
    const sent = triggeringMail(trigger);
    if (!sent) return;
    seedMessage(ws, {
      mailbox: OWNER.email, from: mbx(from), to: [mbx(OWNER)], subject: sent.subject.startsWith('Re:') ? sent.subject : `Re: ${sent.subject}`,
      text: text(sent), at: ws.nowMs(), labelIds: ['INBOX', 'UNREAD'], threadId: sent.threadId,
    });
  };
}
