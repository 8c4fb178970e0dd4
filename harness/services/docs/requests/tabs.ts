/** Tab requests: addDocumentTab, deleteTab, updateDocumentTabProperties. */
import type { RequestSchema } from './schemas.ts';
import { applyMask, type RequestHandler } from './context.ts';
import { fail } from '../layout.ts';
import { emptyTabContent, type DocRecord, type TabContent, type TabProps } from '../model.ts';
import { defaultDocumentStyle, renderTabProperties } from '../render.ts';
import { allTabs, childTabs, findTab, ownTabProps, setChildOrder, tabDepth } from '../tabs.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

/** Deepest nesting the editor allows (a tab, a child, a grandchild). */
const MAX_DEPTH = 2;
/** Most tabs a document may hold. */
const MAX_TABS = 100;
const MAX_TITLE = 256;
/** One emoji (with its variation selectors, skin tones and joiners), nothing else. */
const EMOJI = /^\p{Extended_Pictographic}(\uFE0F|\p{Emoji_Modifier})?(\u200D\p{Extended_Pictographic}(\uFE0F|\p{Emoji_Modifier})?)*$/u;

function checkEmoji(icon: string | undefined): void {
  if (icon !== undefined && icon !== '' && !EMOJI.test(icon)) fail(`Invalid tab icon emoji: ${icon.slice(0, 20)}`);
}

function checkTitle(title: string): void {
  if (title.length > MAX_TITLE) fail(`The tab title must be at most ${MAX_TITLE} characters long.`);
}

/** The tab's properties and reply shape once it sits in the document. */
function propsReply(doc: DocRecord, tabId: string): Record<string, unknown> {
  const tab = findTab(doc, tabId)!;
  const index = childTabs(doc, tab.props.parentTabId).findIndex((t) => t.props.tabId === tabId);
  return renderTabProperties(doc, tab, index);
}

/** addDocumentTab: a new empty tab among its parent's children (last unless an index is given); replies with its properties. */
export const addDocumentTab: RequestHandler<Req<'addDocumentTab'>> = (ctx, r) => {
  const p = r.tabProperties;
  const doc = ctx.doc;
  if (allTabs(doc).length >= MAX_TABS) fail(`A document can have at most ${MAX_TABS} tabs.`);
  if (p.parentTabId !== undefined && p.parentTabId !== '') {
    if (!findTab(doc, p.parentTabId)) fail(`The parent tab with ID ${p.parentTabId} does not exist.`);
    if (tabDepth(doc, p.parentTabId) + 1 > MAX_DEPTH) fail(`Tabs can be nested at most ${MAX_DEPTH + 1} levels deep.`);
  }
  const parent = p.parentTabId || undefined;
  const siblings = childTabs(doc, parent).map((t) => t.props.tabId);
  const index = p.index ?? siblings.length;
  if (index < 0 || index > siblings.length) fail(`The tab index ${index} is out of bounds (0 to ${siblings.length}).`);
  checkEmoji(p.iconEmoji);
  const title = p.title ?? `Tab ${allTabs(doc).length + 1}`;
  checkTitle(title);
  const tabId = ctx.newTabId();
  const props: TabProps = { tabId, title, ...(parent ? { parentTabId: parent } : {}), ...(p.iconEmoji ? { iconEmoji: p.iconEmoji } : {}) };
  (doc.tabs ??= []).push({ tabProperties: props, content: emptyTabContent(defaultDocumentStyle()) });
  setChildOrder(doc, parent, [...siblings.slice(0, index), tabId, ...siblings.slice(index)]);
  return { tabProperties: propsReply(doc, tabId) };
};

/** Makes another tab the record's own (when the own tab is deleted), so `body` stays the first tab's. */
function adopt(doc: DocRecord, tabId: string): void {
  const extra = (doc.tabs ?? []).find((t) => t.tabProperties.tabId === tabId)!;
  const position = childTabs(doc, extra.tabProperties.parentTabId).filter((t) => !t.own).findIndex((t) => t.props.tabId === tabId);
  const keys: Array<keyof TabContent> = ['body', 'headers', 'footers', 'footnotes', 'namedRanges', 'lists', 'documentStyle', 'sectionStyle', 'namedStyles', 'inlineObjects', 'positionedObjects'];
  const target = doc as unknown as Record<string, unknown>;
  const source = extra.content as unknown as Record<string, unknown>;
  for (const k of keys) {
    if (source[k] !== undefined) target[k] = source[k];
    else delete target[k];
  }
  doc.tabProperties = extra.tabProperties;
  doc.tabPosition = position;
  doc.tabs = (doc.tabs ?? []).filter((t) => t.tabProperties.tabId !== tabId);
}

/** deleteTab: the tab and all its child tabs; the last root tab cannot go. */
export const deleteTab: RequestHandler<Req<'deleteTab'>> = (ctx, r) => {
  const doc = ctx.doc;
  if (!findTab(doc, r.tabId) || r.tabId === '') fail(`The tab with ID ${r.tabId} does not exist.`);
  const gone = new Set<string>([r.tabId]);
  for (const t of allTabs(doc)) if (t.props.parentTabId !== undefined && gone.has(t.props.parentTabId)) gone.add(t.props.tabId);
  const survivors = childTabs(doc, undefined).filter((t) => !gone.has(t.props.tabId));
  if (survivors.length === 0) fail('A document must keep at least one tab.');
  if (gone.has(ownTabProps(doc).tabId)) {
    // The record's own fields must hold a live tab: the first surviving root tab takes its place.
    const order = survivors.map((t) => t.props.tabId);
    adopt(doc, order[0]!);
    setChildOrder(doc, undefined, order);
  }
  doc.tabs = (doc.tabs ?? []).filter((t) => !gone.has(t.tabProperties.tabId));
  return undefined;
};

/** updateDocumentTabProperties: title, icon and position among siblings, through a field mask. */
export const updateDocumentTabProperties: RequestHandler<Req<'updateDocumentTabProperties'>> = (ctx, r) => {
  const doc = ctx.doc;
  const id = r.tabProperties.tabId;
  if (id === undefined || id === '') fail('tabProperties.tabId must be set.');
  const tab = findTab(doc, id);
  if (!tab) fail(`The tab with ID ${id} does not exist.`);
  const next = applyMask({ ...tab.props }, r.tabProperties, r.fields, ['title', 'iconEmoji', 'index'], ['tabId', 'parentTabId', 'nestingLevel']);
  if (typeof next.title === 'string') checkTitle(next.title);
  checkEmoji(typeof next.iconEmoji === 'string' ? next.iconEmoji : undefined);
  const props: TabProps = {
    tabId: id, title: typeof next.title === 'string' ? next.title : 'Untitled tab',
    ...(tab.props.parentTabId !== undefined ? { parentTabId: tab.props.parentTabId } : {}),
    ...(typeof next.iconEmoji === 'string' && next.iconEmoji !== '' ? { iconEmoji: next.iconEmoji } : {}),
  };
  if (tab.own) doc.tabProperties = props;
  else doc.tabs!.find((t) => t.tabProperties.tabId === id)!.tabProperties = props;
  if (typeof next.index === 'number') {
    const siblings = childTabs(doc, props.parentTabId).map((t) => t.props.tabId).filter((t) => t !== id);
    if (next.index < 0 || next.index > siblings.length) fail(`The tab index ${next.index} is out of bounds (0 to ${siblings.length}).`);
    setChildOrder(doc, props.parentTabId, [...siblings.slice(0, next.index), id, ...siblings.slice(next.index)]);
  }
  return undefined;
};
