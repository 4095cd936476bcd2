// Send e-mail to contact: subject and body with merge fields.
import { Stack, TextInput, Textarea } from '@mantine/core';
import { boxTargets, mergeHint, type ActionOf, type EditorProps } from '../module';

type A = ActionOf<'send_email'>;

export const errorTargets = () => boxTargets(['subject', 'body']);

export function SendEmailEditor({ action, onChange, errors }: EditorProps<A>) {
  const e = (k: string) => errors[k];
  return (
    <Stack gap="xs">
      <TextInput
        label="Subject"
        required
        value={action.subject}
        onChange={(ev) => onChange({ ...action, subject: ev.currentTarget.value })}
        error={e('subject')}
      />
      <Textarea
        label="Body"
        required
        autosize
        minRows={3}
        description={mergeHint}
        value={action.body}
        onChange={(ev) => onChange({ ...action, body: ev.currentTarget.value })}
        error={e('body')}
      />
    </Stack>
  );
}
