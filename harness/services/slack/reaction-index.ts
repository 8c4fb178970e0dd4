/**
 * Who reacted to which messages, over a workspace base's messages: built once per base
 * (shared by every trial made from it), never written. reactions.list tests only the
 * messages a member reacted to in the base, plus whatever this trial changed or posted,
 * instead of every message; each is still tested and ordered as the scan does.
 */
import type { Collection } from '../../core/index.ts';
import { indexOnDemand } from '../index-policy.ts';
import type { SlackMessage } from './model.ts';
import { addPosition, basePositions, compactPositions, liveInScanOrder, type BasePositions } from './positions.ts';

interface ReactionIndex {
  readonly positions: BasePositions;
  /** Per member: positions of the base messages carrying one of their reactions, ascending. */
  readonly byUser: ReadonlyMap<string, Int32Array>;
}

const indexes = new WeakMap<ReadonlyMap<string, SlackMessage>, ReactionIndex>();
const NONE = new Int32Array(0);

function build(base: ReadonlyMap<string, SlackMessage>): ReactionIndex {
  const byUser = new Map<string, number[]>();
  let at = -1;
  for (const m of base.values()) {
    at++;
    for (const r of m.reactions ?? []) for (const u of r.users) addPosition(byUser, u, at);
  }
  return { positions: basePositions(base), byUser: compactPositions(byUser) };
}

/**
 * The live messages `user` may have reacted to, in the order a scan of the collection meets
 * them: their base messages with one of the member's reactions, and every message this trial
 * changed or added. A superset: the caller still applies every rule. Undefined while the base
 * is small and read too rarely to index.
 */
export function reactionCandidates(col: Collection<SlackMessage>, user: string): SlackMessage[] | undefined {
  const base = col.baseMap();
  const index = indexOnDemand(indexes, base, () => build(base));
  if (!index) return undefined;
  return liveInScanOrder(col, index.positions, index.byUser.get(user) ?? NONE);
}
