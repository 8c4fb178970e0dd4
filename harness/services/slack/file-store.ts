/** File store helpers: the files collection and which files a caller can see. */
import type { OperationContext } from '../../core/index.ts';
import { canSee, channelsCol, type Actor } from './access.ts';
import { slackError } from './errors.ts';
import { COL, type SlackFile } from './model.ts';

/** The files collection. */
export function filesCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackFile>(COL.files);
}

/** A file the actor can see: their own, or shared in a visible conversation. */
export function visible(ctx: OperationContext, a: Actor, f: SlackFile): boolean {
  if (f.user === a.user.id) return true;
  if (f.state !== 'complete') return false;
  const chans = channelsCol(ctx);
  return f.channels.some((c) => {
    const ch = chans.peek(c);
    return ch !== undefined && canSee(ch, a);
  });
}

/** A file by id the actor can see; `file_not_found` otherwise. */
export function findFile(ctx: OperationContext, a: Actor, id: string): SlackFile {
  const f = filesCol(ctx).get(id);
  if (!f || !visible(ctx, a, f)) throw slackError('file_not_found');
  return f;
}
