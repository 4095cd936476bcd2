// Loop protection for plays that react to changes: the chain of plays whose writes caused a change.
import type { Play } from '../queries.ts';
import { MAX_CHAIN_DEPTH } from './context.ts';
import type { ChangeRow } from './change-row.ts';

/** Loop protection: a play never reacts to writes made by itself in the same chain, nor past the depth cap. */
export function eligibleFor(play: Play, e: ChangeRow): boolean {
  const chain = Array.isArray(e.payload?.chain) ? e.payload.chain : [];
  return !chain.includes(play.id) && chain.length < MAX_CHAIN_DEPTH;
}
