/** Seed helpers for mail: plant a message in the owner's mailbox through the Gmail operations. */
import type { Workspace } from '../../harness/core/index.ts';
import { COMPANY_DOMAIN } from '../../datasets/company/company.ts';

/** A message to plant. Addresses may carry display names ("Elena Novak <elena@…>"). */
export interface PlantedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly subject: string;
  readonly body: string;
  /** ISO time; defaults to one hour before the workspace clock. */
  readonly date?: string;
  readonly labelIds?: readonly string[];
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

/** Builds an RFC 2822 message (plain text, UTF-8). */
export function rfc822(m: PlantedMail, date: Date, messageId: string): string {
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to.join(', ')}`,
    ...(m.cc && m.cc.length ? [`Cc: ${m.cc.join(', ')}`] : []),
    `Subject: ${m.subject}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    ...Object.entries(m.extraHeaders ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: 8bit',
    '',
    m.body,
  ];
  return lines.join('\r\n');
}

/** Inserts a message into the owner's mailbox (INBOX and UNREAD by default); returns its Gmail id. */
export function plantMail(ws: Workspace, owner: string, m: PlantedMail): string {
  const date = m.date ? new Date(m.date) : new Date(ws.nowMs() - 3_600_000);
  const messageId = `<seed-${ws.nextCounter('seed-mail')}.${ws.nowMs()}@${COMPANY_DOMAIN}>`;
  const raw = Buffer.from(rfc822(m, date, messageId), 'utf8').toString('base64url');
  const r = ws.invoke(
    'gmail.users.messages.insert',
    { userId: 'me', internalDateSource: 'dateHeader', requestBody: { raw, labelIds: [...(m.labelIds ?? ['INBOX', 'UNREAD'])] } },
    { face: 'seed', auth: { principal: owner, tokenKind: 'user' } },
  );
  if (!r.ok) throw new Error(`planting mail "${m.subject}" failed: ${r.error.message}`);
  return (r.value as { id: string }).id;
}
