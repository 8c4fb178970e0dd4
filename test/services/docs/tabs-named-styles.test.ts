/**
 * Tabs and named styles, from the reference: a new document's namedStyles are the nine
 * styles of a blank Google Doc; updateNamedStyle changes one through a field mask;
 * addDocumentTab replies with the new tab's properties; requests name a tab with tabId and
 * without one apply to the first tab; includeTabsContent shows every tab (children under
 * childTabs); deleteTab deletes the children too and never the last tab.
 */
import { describe, expect, it } from 'vitest';
import { batch, batchErr, freshWs, get, newDoc } from './helpers.ts';
import { docEveryWord, documentPlainText } from '../../../harness/services/docs/plain-text.ts';
import { DOCS_COLLECTION, type DocRecord } from '../../../harness/services/docs/model.ts';

describe('named styles', () => {
  it('a new document has the nine named styles of a blank Google Doc', () => {
    const ws = freshWs();
    const styles = get(ws, newDoc(ws)).namedStyles.styles;
    expect(styles.map((s: any) => s.namedStyleType)).toEqual(['NORMAL_TEXT', 'HEADING_1', 'HEADING_2', 'HEADING_3', 'HEADING_4', 'HEADING_5', 'HEADING_6', 'TITLE', 'SUBTITLE']);
    const normal = styles[0];
    expect(normal.textStyle).toMatchObject({ bold: false, fontSize: { magnitude: 11, unit: 'PT' }, weightedFontFamily: { fontFamily: 'Arial', weight: 400 }, baselineOffset: 'NONE' });
    expect(normal.paragraphStyle).toMatchObject({ namedStyleType: 'NORMAL_TEXT', alignment: 'START', lineSpacing: 115, spacingMode: 'COLLAPSE_LISTS', avoidWidowAndOrphan: true, keepWithNext: false });
    const byType = Object.fromEntries(styles.map((s: any) => [s.namedStyleType, s]));
    expect(byType.HEADING_1.textStyle).toEqual({ fontSize: { magnitude: 20, unit: 'PT' } });
    expect(byType.HEADING_1.paragraphStyle).toMatchObject({ namedStyleType: 'NORMAL_TEXT', spaceAbove: { magnitude: 20, unit: 'PT' }, spaceBelow: { magnitude: 6, unit: 'PT' }, keepWithNext: true });
    expect(byType.HEADING_3.textStyle.foregroundColor).toEqual({ color: { rgbColor: { red: 0.2627451, green: 0.2627451, blue: 0.2627451 } } });
    expect(byType.HEADING_6.textStyle.italic).toBe(true);
    expect(byType.TITLE.textStyle).toEqual({ fontSize: { magnitude: 26, unit: 'PT' } });
    expect(byType.SUBTITLE.textStyle).toMatchObject({ italic: false, fontSize: { magnitude: 15, unit: 'PT' } });
    expect(byType.SUBTITLE.paragraphStyle.spaceBelow).toEqual({ magnitude: 16, unit: 'PT' });
  });

  it('updateNamedStyle edits through the mask (snake_case too), resets named unset fields, keeps the type', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ updateNamedStyle: { namedStyle: { namedStyleType: 'HEADING_2', textStyle: { bold: true, underline: true }, paragraphStyle: { alignment: 'CENTER' } }, fields: 'text_style.bold,paragraphStyle.alignment,textStyle.fontSize' } }]);
    const h2 = get(ws, id).namedStyles.styles.find((s: any) => s.namedStyleType === 'HEADING_2');
    expect(h2.textStyle).toEqual({ bold: true });
    expect(h2.paragraphStyle).toMatchObject({ alignment: 'CENTER', namedStyleType: 'NORMAL_TEXT', spaceAbove: { magnitude: 18, unit: 'PT' } });
    expect(batchErr(ws, id, [{ updateNamedStyle: { namedStyle: { namedStyleType: 'TITLE' }, fields: 'margin' } }]).message).toMatch(/unknown field/);
    expect(batchErr(ws, id, [{ updateNamedStyle: { namedStyle: { namedStyleType: 'TITLE', paragraphStyle: { namedStyleType: 'HEADING_1' } }, fields: 'paragraphStyle.namedStyleType' } }]).message).toMatch(/read only/);
  });
});

describe('tabs', () => {
  it('addDocumentTab replies with the properties; tabId routes edits; the first tab stays the default', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const { replies } = batch(ws, id, [{ addDocumentTab: { tabProperties: { title: 'Budget', iconEmoji: '💰' } } }, { addDocumentTab: { tabProperties: { title: 'Cover', index: 0 } } }]);
    const budget = replies[0].addDocumentTab.tabProperties;
    const cover = replies[1].addDocumentTab.tabProperties;
    expect(budget).toEqual({ tabId: budget.tabId, title: 'Budget', index: 1, iconEmoji: '💰' });
    expect(budget.tabId).toMatch(/^t\.[a-z0-9]{12}$/);
    expect(cover).toMatchObject({ title: 'Cover', index: 0 });
    batch(ws, id, [{ insertText: { text: 'Spend: 40k', location: { index: 1, tabId: budget.tabId } } }, { insertText: { text: 'Untabbed', location: { index: 1 } } }]);
    const full = get(ws, id, { includeTabsContent: true });
    expect(full.body).toBeUndefined();
    expect(full.tabs.map((t: any) => [t.tabProperties.title, t.tabProperties.index])).toEqual([['Cover', 0], ['Tab 1', 1], ['Budget', 2]]);
    // Without a tab id, requests and the legacy fields use the first tab (now Cover).
    expect(full.tabs[0].documentTab.body.content[1].paragraph.elements[0].textRun.content).toBe('Untabbed\n');
    expect(full.tabs[2].documentTab.body.content[1].paragraph.elements[0].textRun.content).toBe('Spend: 40k\n');
    expect(get(ws, id).body.content[1].paragraph.elements[0].textRun.content).toBe('Untabbed\n');
    const rec = ws.collection<DocRecord>(DOCS_COLLECTION).peek(id)!;
    expect(docEveryWord(rec)).toContain('Spend: 40k');
    expect(batchErr(ws, id, [{ insertText: { text: 'x', location: { index: 1, tabId: 't.nosuchtab00' } } }]).message).toMatch(/tab with ID t\.nosuchtab00 does not exist/);
  });

  it('child tabs nest (at most three levels); deleteTab takes the children; the last tab stays', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const a = batch(ws, id, [{ addDocumentTab: { tabProperties: { title: 'A' } } }]).replies[0].addDocumentTab.tabProperties.tabId;
    const b = batch(ws, id, [{ addDocumentTab: { tabProperties: { title: 'B', parentTabId: a } } }]).replies[0].addDocumentTab.tabProperties;
    expect(b).toMatchObject({ parentTabId: a, nestingLevel: 1, index: 0 });
    const c = batch(ws, id, [{ addDocumentTab: { tabProperties: { title: 'C', parentTabId: b.tabId } } }]).replies[0].addDocumentTab.tabProperties;
    expect(c.nestingLevel).toBe(2);
    expect(batchErr(ws, id, [{ addDocumentTab: { tabProperties: { parentTabId: c.tabId } } }]).message).toMatch(/at most 3 levels/);
    const tree = get(ws, id, { includeTabsContent: true }).tabs;
    expect(tree[1].childTabs[0].childTabs[0].tabProperties.title).toBe('C');
    batch(ws, id, [{ updateDocumentTabProperties: { tabProperties: { tabId: a, title: 'Renamed', index: 0 }, fields: 'title,index' } }]);
    expect(get(ws, id, { includeTabsContent: true }).tabs.map((t: any) => t.tabProperties.title)).toEqual(['Renamed', 'Tab 1']);
    batch(ws, id, [{ deleteTab: { tabId: a } }]);
    expect(get(ws, id, { includeTabsContent: true }).tabs.map((t: any) => t.tabProperties.tabId)).toEqual(['t.0']);
    expect(batchErr(ws, id, [{ deleteTab: { tabId: 't.0' } }]).message).toMatch(/at least one tab/);
    expect(batchErr(ws, id, [{ deleteTab: { tabId: b.tabId } }]).message).toMatch(/does not exist/);
  });

  it('deleting the first tab makes the next one the first: body and Drive export follow it', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const next = batch(ws, id, [{ addDocumentTab: { tabProperties: { title: 'Second' } } }]).replies[0].addDocumentTab.tabProperties.tabId;
    batch(ws, id, [{ insertText: { text: 'second tab text', location: { index: 1, tabId: next } } }, { insertText: { text: 'first tab text', location: { index: 1 } } }]);
    batch(ws, id, [{ deleteTab: { tabId: 't.0' } }]);
    expect(documentPlainText(ws, id)).toBe('second tab text\n');
    const tabs = get(ws, id, { includeTabsContent: true }).tabs;
    expect(tabs.map((t: any) => [t.tabProperties.tabId, t.tabProperties.title])).toEqual([[next, 'Second']]);
    expect(batchErr(ws, id, [{ addDocumentTab: { tabProperties: { iconEmoji: 'not an emoji' } } }]).message).toMatch(/Invalid tab icon emoji/);
  });
});
