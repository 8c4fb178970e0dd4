/** What a batchUpdate request handler works on, and the helpers shared by handlers. */
import type { Workspace } from '../../../core/index.ts';
import type { DocRecord, TabContent } from '../model.ts';
import { fail, segment, segmentEnd, type SegmentRef } from '../layout.ts';
import { allTabs, findTab } from '../tabs.ts';

/** A handler's view: the working (mutable) copy of the document and id minting. */
export interface RequestContext {
  readonly ws: Workspace;
  readonly doc: DocRecord;
  /** A new `kix.…` id for lists, named ranges, headers, footers, footnotes and objects. */
  newKixId(): string;
  /** A new tab id (`t.…`). */
  newTabId(): string;
}

/** A handler returns its reply body (placed under its kind), or nothing for `{}`. */
export type RequestHandler<R> = (ctx: RequestContext, req: R) => Record<string, unknown> | undefined;

/** The content of a tab (absent or empty id = the first tab); a request error when there is no such tab. */
export function tabOf(doc: DocRecord, tabId: string | undefined): TabContent {
  const tab = findTab(doc, tabId);
  if (!tab) return fail(`The tab with ID ${tabId} does not exist.`);
  return tab.content;
}

/** The tabs a `tabsCriteria` names (every tab when absent), each checked to exist. */
export function tabsOf(doc: DocRecord, criteria: { tabIds: string[] } | undefined): TabContent[] {
  if (!criteria || criteria.tabIds.length === 0) return doc.tabs?.length ? allTabs(doc).map((t) => t.content) : [doc];
  return criteria.tabIds.map((id) => tabOf(doc, id));
}

/** The segment of a location-like value. */
export function segmentOf(doc: DocRecord, where: { segmentId?: string | undefined; tabId?: string | undefined }): SegmentRef {
  return segment(tabOf(doc, where.tabId), where.segmentId);
}

/** Resolves `location` or `endOfSegmentLocation` (exactly one) to a segment and index. */
export function resolveWhere(
  doc: DocRecord,
  w: { location?: { index: number; segmentId?: string | undefined; tabId?: string | undefined } | undefined; endOfSegmentLocation?: { segmentId?: string | undefined; tabId?: string | undefined } | undefined },
): { seg: SegmentRef; index: number } {
  if (w.location && w.endOfSegmentLocation) fail('Exactly one of location or endOfSegmentLocation must be set.');
  if (w.location) return { seg: segmentOf(doc, w.location), index: w.location.index };
  if (w.endOfSegmentLocation) {
    const seg = segmentOf(doc, w.endOfSegmentLocation);
    return { seg, index: segmentEnd(seg) - 1 };
  }
  return fail('Exactly one of location or endOfSegmentLocation must be set.');
}

/**
 * Applies a field mask: each named top-level field (or dotted path) is copied from
 * `source` when set there and removed from `target` when not. '*' means every allowed field.
 */
export function applyMask(
  target: Record<string, unknown>, source: Record<string, unknown>, fields: string, allowed: readonly string[], readOnly: readonly string[] = [],
): Record<string, unknown> {
  const list = fields.trim() === '*' ? [...allowed] : fields.split(',').map((f) => f.trim()).filter(Boolean);
  if (list.length === 0) fail('At least one field must be listed in fields.');
  const out: Record<string, unknown> = structuredClone(target);
  for (const path of list) {
    const parts = path.split('.');
    const top = parts[0]!;
    if (readOnly.includes(top)) fail(`The field ${top} is read only.`);
    if (!allowed.includes(top)) fail(`Invalid field mask: unknown field '${path}'.`);
    let src: unknown = source;
    for (const p of parts) src = src && typeof src === 'object' ? (src as Record<string, unknown>)[p] : undefined;
    let dst: Record<string, unknown> = out;
    for (const p of parts.slice(0, -1)) {
      const next = dst[p];
      if (!next || typeof next !== 'object') dst[p] = {};
      dst = dst[p] as Record<string, unknown>;
    }
    const leaf = parts[parts.length - 1]!;
    if (src === undefined) delete dst[leaf];
    else dst[leaf] = structuredClone(src);
  }
  return out;
}
