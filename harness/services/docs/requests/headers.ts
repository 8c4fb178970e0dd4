/** Header and footer requests: create the default one, delete one. */
import type { RequestSchema } from './schemas.ts';
import { checkTab, type RequestHandler, type RequestContext } from './context.ts';
import { fail } from '../layout.ts';
import { paragraph } from '../model.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

function create(ctx: RequestContext, kind: 'header' | 'footer', location: { segmentId?: string | undefined; index: number } | undefined): string {
  if (location && (location.segmentId ?? '') !== '') fail('The section break location must be in the document body.');
  if (location && location.index !== 0) fail('Only the first section break (index 0) can hold a header or footer.');
  const styleKey = kind === 'header' ? 'defaultHeaderId' : 'defaultFooterId';
  if (ctx.doc.documentStyle[styleKey] !== undefined) fail(`A default ${kind} already exists.`);
  const id = ctx.newKixId();
  (kind === 'header' ? ctx.doc.headers : ctx.doc.footers)[id] = [paragraph()];
  ctx.doc.documentStyle = { ...ctx.doc.documentStyle, [styleKey]: id };
  return id;
}

function remove(ctx: RequestContext, kind: 'header' | 'footer', id: string): void {
  const map = kind === 'header' ? ctx.doc.headers : ctx.doc.footers;
  if (!map[id]) fail(`The ${kind} with ID ${id} does not exist.`);
  delete map[id];
  const style = { ...ctx.doc.documentStyle };
  for (const [k, v] of Object.entries(style)) if (v === id) delete style[k];
  ctx.doc.documentStyle = style;
  ctx.doc.namedRanges = ctx.doc.namedRanges
    .map((nr) => ({ ...nr, ranges: nr.ranges.filter((rg) => rg.segmentId !== id) }))
    .filter((nr) => nr.ranges.length > 0);
}

/** createHeader: replies with the new headerId. */
export const createHeader: RequestHandler<Req<'createHeader'>> = (ctx, r) => ({ headerId: create(ctx, 'header', r.sectionBreakLocation) });

/** createFooter: replies with the new footerId. */
export const createFooter: RequestHandler<Req<'createFooter'>> = (ctx, r) => ({ footerId: create(ctx, 'footer', r.sectionBreakLocation) });

/** deleteHeader. */
export const deleteHeader: RequestHandler<Req<'deleteHeader'>> = (ctx, r) => {
  checkTab(r.tabId);
  remove(ctx, 'header', r.headerId);
  return undefined;
};

/** deleteFooter. */
export const deleteFooter: RequestHandler<Req<'deleteFooter'>> = (ctx, r) => {
  checkTab(r.tabId);
  remove(ctx, 'footer', r.footerId);
  return undefined;
};
