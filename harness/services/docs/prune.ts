/** After a batch: footnotes and inline objects whose reference was deleted go with it, as in Docs. */
import type { Block, DocRecord } from './model.ts';
import { allTabs } from './tabs.ts';

function collect(blocks: readonly Block[], notes: Set<string>, objects: Set<string>, depth = 0): void {
  if (depth > 64) return;
  for (const b of blocks) {
    if (b.type === 'table') for (const row of b.rows) for (const cell of row.cells) collect(cell.content, notes, objects, depth + 1);
    else if (b.type === 'paragraph') {
      for (const r of b.runs) {
        if (r.element?.kind === 'footnoteReference') notes.add(r.element.footnoteId);
        else if (r.element?.kind === 'inlineObject') objects.add(r.element.inlineObjectId);
      }
    }
  }
}

/** Drops every footnote and inline object no longer referenced from its tab's content. */
export function pruneOrphans(doc: DocRecord): void {
  // Most documents have one tab and neither footnotes nor images: nothing to walk.
  if (!doc.tabs?.length && !doc.footnotes && !doc.inlineObjects) return;
  for (const { content: tab } of allTabs(doc)) {
    if (!tab.footnotes && !tab.inlineObjects) continue;
    const notes = new Set<string>();
    const objects = new Set<string>();
    for (const seg of [tab.body, ...Object.values(tab.headers), ...Object.values(tab.footers), ...Object.values(tab.footnotes ?? {})]) collect(seg, notes, objects);
    if (tab.footnotes) for (const id of Object.keys(tab.footnotes)) if (!notes.has(id)) delete tab.footnotes[id];
    if (tab.inlineObjects) for (const id of Object.keys(tab.inlineObjects)) if (!objects.has(id)) delete tab.inlineObjects[id];
    // Empty maps go too, so the next batch takes the fast path again.
    if (tab.footnotes && Object.keys(tab.footnotes).length === 0) delete tab.footnotes;
    if (tab.inlineObjects && Object.keys(tab.inlineObjects).length === 0) delete tab.inlineObjects;
  }
}
