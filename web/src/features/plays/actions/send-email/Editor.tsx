// Send e-mail to contact: subject and body with merge fields.
import { Stack } from '@mantine/core';
import { MergeTextInput } from '@/components/merge-fields';
import { boxTargets, mergeHint, type ActionOf, type EditorProps } from '../module';

type A = ActionOf<'send_email'>;

export const errorTargets = () => boxTargets(['subject', 'body']);

export function SendEmailEditor({ action, onChange, errors, subject }: EditorProps<A>) {
  const e = (k: string) => errors[k];
  return (
    <Stack gap="xs">
      <MergeTextInput
        label="Subject"
        destination="email_subject"
        subject={subject}
        required
        value={action.subject}
        onChange={(subject) => onChange({ ...action, subject })}
        error={e('subject')}
      />
      <MergeTextInput
        label="Body"
        destination="email_body"
        subject={subject}
        multiline
        required
        minRows={3}
        description={mergeHint}
        value={action.body}
        onChange={(body) => onChange({ ...action, body })}
        error={e('body')}
      />
    </Stack>
  );
}
