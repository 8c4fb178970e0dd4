/**
 * Tabs of a document: the record's own fields are one tab (`t.0` unless replaced), further
 * tabs sit in `tabs`. Root tabs and each tab's children are ordered lists; requests without
 * a tab id apply to the first root tab, as the real API's do.
 */
import type { DocRecord, ExtraTab, TabContent, TabProps } from './model.ts';

/** The id of a new document's only tab. */
export const FIRST_TAB_ID = 't.0';

/** One tab with its properties and content, whichever place it is stored in. */
export interface TabRef {
  readonly props: TabProps;
  readonly content: TabContent;
  /** True for the record's own tab. */
  readonly own: boolean;
}

/** Properties of the record's own tab. */
export function ownTabProps(doc: DocRecord): TabProps {
  return doc.tabProperties ?? { tabId: FIRST_TAB_ID, title: 'Tab 1' };
}

/** Children of a tab (or the root tabs for undefined), in order. */
export function childTabs(doc: DocRecord, parentTabId: string | undefined): TabRef[] {
  const own = ownTabProps(doc);
  const extra = (doc.tabs ?? []).filter((t) => t.tabProperties.parentTabId === parentTabId).map((t): TabRef => ({ props: t.tabProperties, content: t.content, own: false }));
  if (own.parentTabId !== parentTabId) return extra;
  const at = Math.max(0, Math.min(doc.tabPosition ?? 0, extra.length));
  return [...extra.slice(0, at), { props: own, content: doc, own: true }, ...extra.slice(at)];
}

/** Every tab, depth first in document order. */
export function allTabs(doc: DocRecord): TabRef[] {
  const out: TabRef[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    if (depth > 32) return;
    for (const t of childTabs(doc, parent)) {
      out.push(t);
      walk(t.props.tabId, depth + 1);
    }
  };
  walk(undefined, 0);
  return out;
}

/** The tab with this id (undefined or '' = the first tab); undefined when there is none. */
export function findTab(doc: DocRecord, tabId: string | undefined): TabRef | undefined {
  // The common case, a document with one tab, without building the tab list.
  if (!doc.tabs?.length) {
    const own = ownTabProps(doc);
    return tabId === undefined || tabId === '' || tabId === own.tabId ? { props: own, content: doc, own: true } : undefined;
  }
  if (tabId === undefined || tabId === '') return childTabs(doc, undefined)[0];
  return allTabs(doc).find((t) => t.props.tabId === tabId);
}

/** Nesting depth of a tab (root = 0). */
export function tabDepth(doc: DocRecord, tabId: string): number {
  let depth = 0;
  let cur = findTab(doc, tabId);
  while (cur?.props.parentTabId !== undefined && depth < 32) {
    depth++;
    cur = findTab(doc, cur.props.parentTabId);
  }
  return depth;
}

/**
 * Rewrites the order of a parent's children to `ids` (each an existing child): the extra
 * tabs are reordered in place of their old positions and the own tab's position recorded.
 */
export function setChildOrder(doc: DocRecord, parentTabId: string | undefined, ids: readonly string[]): void {
  const own = ownTabProps(doc);
  const rest = (doc.tabs ?? []).filter((t) => t.tabProperties.parentTabId !== parentTabId);
  const byId = new Map((doc.tabs ?? []).map((t) => [t.tabProperties.tabId, t] as const));
  const ordered: ExtraTab[] = [];
  for (const id of ids) {
    if (id === own.tabId && own.parentTabId === parentTabId) doc.tabPosition = ordered.length;
    else {
      const t = byId.get(id);
      if (t) ordered.push(t);
    }
  }
  doc.tabs = [...rest, ...ordered];
}
