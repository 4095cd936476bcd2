// The Setup tab: the builder on the draft when the play has one, else on the definition in force.
import { ErrorState, Loading } from '@/components/feedback';
import { PlayForm } from '../components/PlayForm';
import type { VersionedPlay } from './api';
import { useEditablePlay } from './use-editable-play';

export function SetupTab({ play }: { play: VersionedPlay }) {
  const editable = useEditablePlay(play);
  if (editable.pending) return <Loading label="Loading the draft" />;
  if (!editable.play) return <ErrorState error={editable.error} />;
  return <PlayForm key={play.id} play={editable.play} />;
}
