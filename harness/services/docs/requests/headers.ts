/** Header and footer requests: create the default one, delete one. */
import type { RequestSchema } from './schemas.ts';
import { tabOf, type RequestHandler } from './context.ts';
import { fail } from '../layout.ts';
import { paragraph, type TabContent } from '../model.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

function create(tab: TabContent, newId: () => string, kind: 'header' | 'footer', location: { segmentId?: string | undefined; index: number } | undefined): string {
  if (location && (location.segmentId ?? '') !== '') fail('The section break location must be in the document body.');
  if (location && location.index !== 0) fail('Only the first section break (index 0) can hold a header or footer.');
  const styleKey = kind === 'header' ? 'defaultHeaderId' : 'defaultFooterId';
  if (tab.documentStyle[styleKey] !== undefined) fail(`A default ${kind} already exists.`);
  const id = newId();
  (kind === 'header' ? tab.headers : tab.footers)[id] = [paragraph()];
  tab.documentStyle = { ...tab.documentStyle, [styleKey]: id };
  return id;
}

function remove(tab: TabContent, kind: 'header' | 'footer', id: string): void {
  const map = kind === 'header' ? tab.headers : tab.footers;
  if (!map[id]) fail(`The ${kind} with ID ${id} does not exist.`);
  delete map[id];
  const style = { ...tab.documentStyle };
  for (const [k, v] of Object.entries(style)) if (v === id) delete style[k];
  tab.documentStyle = style;
  tab.namedRanges = tab.namedRanges
    .map((nr) => ({ ...nr, ranges: nr.ranges.filter((rg) => rg.segmentId !== id) }))
    .filter((nr) => nr.ranges.length > 0);
}

/** createHeader: replies with the new headerId. */
export const createHeader: RequestHandler<Req<'createHeader'>> = (ctx, r) => ({ headerId: create(tabOf(ctx.doc, r.sectionBreakLocation?.tabId), ctx.newKixId, 'header', r.sectionBreakLocation) });

/** createFooter: replies with the new footerId. */
export const createFooter: RequestHandler<Req<'createFooter'>> = (ctx, r) => ({ footerId: create(tabOf(ctx.doc, r.sectionBreakLocation?.tabId), ctx.newKixId, 'footer', r.sectionBreakLocation) });

/** deleteHeader. */
export const deleteHeader: RequestHandler<Req<'deleteHeader'>> = (ctx, r) => {
  remove(tabOf(ctx.doc, r.tabId), 'header', r.headerId);
  return undefined;
};

/** deleteFooter. */
export const deleteFooter: RequestHandler<Req<'deleteFooter'>> = (ctx, r) => {
  remove(tabOf(ctx.doc, r.tabId), 'footer', r.footerId);
  return undefined;
};
