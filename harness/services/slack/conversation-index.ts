/**
 * Which conversations a member belongs to, over a workspace base's channels: built once per
 * base (shared by every trial made from it), never written. conversations.list and
 * users.conversations test only the public channels and the member's own conversations, plus
 * whatever this trial created or changed (joins, leaves, invitations, archiving), instead of
 * every conversation; each candidate is still tested as the scan tests it, in the scan's order.
 */
import type { Collection } from '../../core/index.ts';
import { indexOnDemand } from '../index-policy.ts';
import type { SlackChannel } from './model.ts';
import { addPosition, basePositions, compactPositions, liveInScanOrder, unionOfPositions as union, type BasePositions } from './positions.ts';

/** The index of one base map of channels. Positions are in the base map's iteration order. */
interface ConversationIndex {
  readonly positions: BasePositions;
  /** Positions of the public channels, ascending. */
  readonly open: Int32Array;
  /** Per member: positions of the conversations they belong to, ascending. */
  readonly byMember: ReadonlyMap<string, Int32Array>;
}

const indexes = new WeakMap<ReadonlyMap<string, SlackChannel>, ConversationIndex>();
const NONE = new Int32Array(0);

function build(base: ReadonlyMap<string, SlackChannel>): ConversationIndex {
  const open: number[] = [];
  const byMember = new Map<string, number[]>();
  let at = -1;
  for (const ch of base.values()) {
    at++;
    if (ch.kind === 'public') open.push(at);
    for (const u of ch.members) addPosition(byMember, u, at);
  }
  return { positions: basePositions(base), open: Int32Array.from(open), byMember: compactPositions(byMember) };
}

function indexOf(base: ReadonlyMap<string, SlackChannel>): ConversationIndex | undefined {
  return indexOnDemand(indexes, base, () => build(base));
}

/**
 * The live conversations that can be visible to `viewer` and, with `memberOf`, include that
 * member, in the order a scan of the collection meets them (base order, a changed record at
 * its base place, then the trial's additions). A superset: the caller still applies every
 * rule. Undefined while the base is small and read too rarely to index.
 */
export function conversationCandidates(col: Collection<SlackChannel>, viewer: string, memberOf: string | undefined): SlackChannel[] | undefined {
  const index = indexOf(col.baseMap());
  if (!index) return undefined;
  const mine = index.byMember.get(viewer) ?? NONE;
  const fromBase = memberOf !== undefined ? (index.byMember.get(memberOf) ?? NONE) : union([index.open, mine]);
  return liveInScanOrder(col, index.positions, fromBase);
}
