// Enroll in another play: which play (not this one).
import { Select } from '@mantine/core';
import { usePlays } from '../../api';
import { boxTargets, type ActionOf, type EditorProps } from '../module';

type A = ActionOf<'enroll'>;

export const errorTargets = () => boxTargets(['playId']);

export function EnrollEditor({ action, onChange, errors, playId }: EditorProps<A>) {
  const plays = usePlays();
  const e = (k: string) => errors[k];
  return (
    <Select
      label="Play"
      required
      maw={300}
      value={action.playId || null}
      data={(plays.data ?? [])
        .filter((p) => p.id !== playId)
        .map((p) => ({ value: p.id, label: p.name }))}
      onChange={(v) => onChange({ ...action, playId: v ?? '' })}
      error={e('playId')}
    />
  );
}
