/** Gmail's system labels: constants rather than records, so every mailbox (even an empty one) has them. */
import type { LabelRecord } from './model.ts';

/** System label ids in the order labels.list reports them. */
export const SYSTEM_LABEL_IDS = [
  'CHAT', 'SENT', 'INBOX', 'IMPORTANT', 'TRASH', 'DRAFT', 'SPAM', 'STARRED', 'UNREAD',
  'CATEGORY_FORUMS', 'CATEGORY_UPDATES', 'CATEGORY_PERSONAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL',
] as const;

/**
 * Visibility fields Gmail reports on system labels. Only CHAT and IMPORTANT carry them; every
 * other system label is `{id, name, type}` alone (the labels.list shape Google's reference
 * documents). Written as data so the conformance suite and labels.list read one source.
 */
const SYSTEM_VISIBILITY: Readonly<Record<string, Pick<LabelRecord, 'messageListVisibility' | 'labelListVisibility'>>> = {
  CHAT: { messageListVisibility: 'hide', labelListVisibility: 'labelHide' },
  IMPORTANT: { messageListVisibility: 'hide', labelListVisibility: 'labelShow' },
};

/** The system labels as API Label resources (without counts). */
export const SYSTEM_LABELS: readonly LabelRecord[] = SYSTEM_LABEL_IDS.map((id) => ({ id, name: id, ...SYSTEM_VISIBILITY[id], type: 'system' as const }));

const SYSTEM_SET = new Set<string>(SYSTEM_LABEL_IDS);

/** True for a system label id. */
export function isSystemLabel(id: string): boolean {
  return SYSTEM_SET.has(id);
}

/** Labels a caller may not add or remove through modify (Gmail manages them itself). */
export const UNMODIFIABLE_LABELS: ReadonlySet<string> = new Set(['DRAFT', 'SENT', 'CHAT']);
