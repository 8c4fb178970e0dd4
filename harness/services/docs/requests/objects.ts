/** Image and object requests: insertInlineImage, replaceImage, deletePositionedObject. */
import type { RequestSchema } from './schemas.ts';
import { resolveWhere, tabOf, type RequestHandler } from './context.ts';
import { allSegments, fail, forEachParagraph } from '../layout.ts';
import { insertElementAt } from './elements.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

/** Longest image URI the reference accepts (2 kB). */
const MAX_URI = 2048;
const pt = (magnitude: number) => ({ magnitude, unit: 'PT' });

/** Checks an image URI: present, http(s), at most 2 kB. The image itself is not fetched (no network). */
function checkImageUri(uri: string): void {
  if (uri.length === 0) fail('The image URI must not be empty.');
  if (uri.length > MAX_URI) fail(`The image URI must be at most ${MAX_URI} characters long.`);
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return fail(`Invalid image URI: ${uri.slice(0, 200)}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') fail('There was a problem retrieving the image. The provided image should be publicly accessible, within size limit, and in supported formats.');
}

/** insertInlineImage: an inline object in a paragraph (never in a footnote); replies with its objectId. */
export const insertInlineImage: RequestHandler<Req<'insertInlineImage'>> = (ctx, r) => {
  checkImageUri(r.uri);
  const { seg, index } = resolveWhere(ctx.doc, r);
  const objectId = ctx.newKixId();
  insertElementAt(seg, index, { kind: 'inlineObject', inlineObjectId: objectId }, 'Inline images', ['body', 'header', 'footer']);
  const width = r.objectSize?.width ?? r.objectSize?.height ?? pt(200);
  const height = r.objectSize?.height ?? r.objectSize?.width ?? pt(200);
  (seg.tab.inlineObjects ??= {})[objectId] = {
    embeddedObject: {
      imageProperties: { contentUri: r.uri, sourceUri: r.uri, cropProperties: {} },
      embeddedObjectBorder: { color: { color: { rgbColor: {} } }, width: { unit: 'PT' }, dashStyle: 'SOLID', propertyState: 'NOT_RENDERED' },
      size: { width, height },
      marginTop: pt(9), marginBottom: pt(9), marginRight: pt(9), marginLeft: pt(9),
    },
  };
  return { objectId };
};

/** replaceImage: the image keeps its place and size; its source becomes the new URI. */
export const replaceImage: RequestHandler<Req<'replaceImage'>> = (ctx, r) => {
  checkImageUri(r.uri);
  const tab = tabOf(ctx.doc, r.tabId);
  const props = tab.inlineObjects?.[r.imageObjectId] ?? tab.positionedObjects?.[r.imageObjectId];
  const embedded = props?.embeddedObject as Record<string, unknown> | undefined;
  if (!embedded?.imageProperties) fail(`The image with ID ${r.imageObjectId} does not exist.`);
  embedded.imageProperties = { ...(embedded.imageProperties as Record<string, unknown>), contentUri: r.uri, sourceUri: r.uri };
  return undefined;
};

/** deletePositionedObject: removes the object and its anchor on its paragraph. */
export const deletePositionedObject: RequestHandler<Req<'deletePositionedObject'>> = (ctx, r) => {
  const tab = tabOf(ctx.doc, r.tabId);
  if (!tab.positionedObjects?.[r.objectId]) fail(`The positioned object with ID ${r.objectId} does not exist.`);
  delete tab.positionedObjects[r.objectId];
  for (const seg of allSegments(tab)) {
    forEachParagraph(seg.blocks, seg.start, (p) => {
      if (!p.positionedObjectIds?.includes(r.objectId)) return;
      p.positionedObjectIds = p.positionedObjectIds.filter((id) => id !== r.objectId);
      if (p.positionedObjectIds.length === 0) delete p.positionedObjectIds;
    });
  }
  return undefined;
};
