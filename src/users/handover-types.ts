// The handover contract, apart from handovers.ts (which imports every handover) so that the
// handovers themselves import only these types.
import type { Actor, Deps } from '../context.ts';
import type { Tx } from '../db/client.ts';

/** What a handover sees: runs inside the disable transaction, after the user is marked disabled. */
export type HandoverContext = {
  tx: Tx;
  deps: Deps;
  actor: Actor;
  workspaceId: string;
  from: { id: string; name: string };
  to: { id: string; name: string; email: string; emailNotifications: boolean; role: Actor['role'] };
  now: Date;
};

export type HandoverCounts = Record<string, number>;

/** One kind of private resource handed to the receiver: counts for programs, sentences for the admin. */
export type UserHandover = {
  name: string;
  run(ctx: HandoverContext): Promise<HandoverCounts>;
  /** The counts in words, e.g. "3 plays handed over to Dana"; nothing for what did not happen. */
  describe(counts: HandoverCounts, receiverName: string): string[];
};
