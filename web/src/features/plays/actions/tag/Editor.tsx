// Add / remove tag: the tag.
import { TextInput } from '@mantine/core';
import { boxTargets, type ActionOf, type EditorProps } from '../module';

type A = ActionOf<'add_tag' | 'remove_tag'>;

export const errorTargets = () => boxTargets(['tag']);

export function TagEditor({ action, onChange, errors }: EditorProps<A>) {
  const e = (k: string) => errors[k];
  return (
    <TextInput
      label="Tag"
      required
      value={action.tag}
      onChange={(ev) => onChange({ ...action, tag: ev.currentTarget.value })}
      error={e('tag')}
      maw={300}
    />
  );
}
