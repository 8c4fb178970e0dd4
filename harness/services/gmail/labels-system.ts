/** Gmail's system labels: constants rather than records, so every mailbox (even an empty one) has them. */
import type { LabelRecord } from './model.ts';

/** System label ids in the order labels.list reports them. */
export const SYSTEM_LABEL_IDS = [
  'CHAT', 'SENT', 'INBOX', 'IMPORTANT', 'TRASH', 'DRAFT', 'SPAM', 'STARRED', 'UNREAD',
  'CATEGORY_FORUMS', 'CATEGORY_UPDATES', 'CATEGORY_PERSONAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL',
] as const;

/** System labels Gmail hides from the message list. */
const HIDDEN_IN_LIST = new Set(['CHAT', 'SPAM', 'TRASH']);

/** The system labels as API Label resources (without counts). */
export const SYSTEM_LABELS: readonly LabelRecord[] = SYSTEM_LABEL_IDS.map((id) => {
  const base: LabelRecord = { id, name: id, type: 'system' };
  if (id.startsWith('CATEGORY_')) return base;
  return HIDDEN_IN_LIST.has(id)
    ? { ...base, messageListVisibility: 'hide', labelListVisibility: 'labelHide' }
    : { ...base, messageListVisibility: 'show', labelListVisibility: 'labelShow' };
});

const SYSTEM_SET = new Set<string>(SYSTEM_LABEL_IDS);

/** True for a system label id. */
export function isSystemLabel(id: string): boolean {
  return SYSTEM_SET.has(id);
}

/** Labels a caller may not add or remove through modify (Gmail manages them itself). */
export const UNMODIFIABLE_LABELS: ReadonlySet<string> = new Set(['DRAFT', 'SENT', 'CHAT']);
