// Celebrate milestone / notify team: a message and its visual style.
import { Group, Select, Textarea } from '@mantine/core';
import { boxTargets, type ActionOf, type EditorProps } from '../module';

type A = ActionOf<'celebrate' | 'notify'>;

export const errorTargets = () => boxTargets(['message', 'style']);

export function NotifyTeamEditor({ action, onChange, errors }: EditorProps<A>) {
  const e = (k: string) => errors[k];
  return (
    <Group grow align="flex-start">
      <Textarea
        label="Message"
        required
        autosize
        value={action.message}
        onChange={(ev) => onChange({ ...action, message: ev.currentTarget.value })}
        error={e('message')}
      />
      <Select
        label="Style"
        maw={160}
        data={['default', 'confetti', 'trophy', 'warning']}
        value={action.style ?? 'default'}
        onChange={(v) => onChange({ ...action, style: v ?? 'default' })}
        error={e('style')}
      />
    </Group>
  );
}
