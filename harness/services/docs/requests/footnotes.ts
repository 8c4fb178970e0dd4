/** createFootnote: a footnote reference in the body and a new footnote segment holding " \n". */
import type { RequestSchema } from './schemas.ts';
import { resolveWhere, type RequestHandler } from './context.ts';
import { paragraph } from '../model.ts';
import { insertElementAt } from './elements.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

/** createFootnote: replies with the new footnoteId. References go in the body only (tables included). */
export const createFootnote: RequestHandler<Req<'createFootnote'>> = (ctx, r) => {
  const { seg, index } = resolveWhere(ctx.doc, r);
  const footnoteId = ctx.newKixId();
  insertElementAt(seg, index, { kind: 'footnoteReference', footnoteId }, 'Footnote references', ['body']);
  (seg.tab.footnotes ??= {})[footnoteId] = [paragraph(' ')];
  return { footnoteId };
};
