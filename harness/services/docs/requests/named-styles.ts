/** updateNamedStyle: changes one named style of a tab through a field mask. */
import type { RequestSchema } from './schemas.ts';
import { applyMask, tabOf, type RequestHandler } from './context.ts';
import { fail } from '../layout.ts';
import { defaultNamedStyles } from '../named-styles.ts';
import { camelMask } from './elements.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

/** updateNamedStyle: `fields` names textStyle/paragraphStyle fields (`textStyle.bold`); a named field left unset resets. */
export const updateNamedStyle: RequestHandler<Req<'updateNamedStyle'>> = (ctx, r) => {
  const tab = tabOf(ctx.doc, r.tabId);
  const fields = camelMask(r.fields);
  if (fields.split(',').some((f) => f.trim() === 'namedStyleType' || f.trim().startsWith('paragraphStyle.namedStyleType'))) {
    fail('The namedStyleType of a named style is read only.');
  }
  const styles = (tab.namedStyles ??= defaultNamedStyles());
  const k = styles.findIndex((s) => s.namedStyleType === r.namedStyle.namedStyleType);
  if (k < 0) fail(`Unknown named style ${r.namedStyle.namedStyleType}.`);
  const current = styles[k]!;
  const next = applyMask({ textStyle: current.textStyle, paragraphStyle: current.paragraphStyle }, r.namedStyle, fields, ['textStyle', 'paragraphStyle']);
  styles[k] = {
    namedStyleType: current.namedStyleType,
    textStyle: (next.textStyle as Record<string, unknown> | undefined) ?? {},
    paragraphStyle: { ...(next.paragraphStyle as Record<string, unknown> | undefined), namedStyleType: current.paragraphStyle.namedStyleType ?? 'NORMAL_TEXT' },
  };
  return undefined;
};
