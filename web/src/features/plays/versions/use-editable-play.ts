// What the play builder edits: the draft when the play has one, else the definition in force.
import { useVersion, withDefinition, type VersionedPlay } from './api';

export function useEditablePlay(play: VersionedPlay) {
  const draft = play.draft ?? null;
  // Keyed by the row version: every save of the draft bumps it.
  const q = useVersion(play.id, draft?.number ?? null, String(play.version));
  if (!draft) return { play, pending: false };
  if (!q.data) return { play: null, pending: !q.isError, error: q.error };
  return { play: withDefinition(play, q.data.definition), pending: false };
}
