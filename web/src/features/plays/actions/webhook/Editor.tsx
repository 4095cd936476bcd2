// Webhook: name, method, URL, credentials, headers and body (components/WebhookFields.tsx).
import { errorsUnder } from '@/lib/form-errors';
import type { WebhookDef } from '../../types';
import { WebhookFields, webhookErrorTargets } from '../../components/WebhookFields';
import type { ActionOf, EditorProps } from '../module';

type A = ActionOf<'webhook'>;

export const errorTargets = (action: A) => {
  const w = webhookErrorTargets(action.webhook);
  return {
    exact: ['', ...(w.exact ?? []).map((k) => `webhook.${k}`)],
    fields: (w.fields ?? []).map((k) => `webhook.${k}`),
    aliases: { type: '', id: '' },
  };
};

export function WebhookEditor({ action, onChange, errors, playId, subject }: EditorProps<A>) {
  return (
    <WebhookFields
      value={action.webhook}
      onChange={(webhook: WebhookDef) => onChange({ ...action, webhook })}
      playId={playId}
      subject={subject}
      actionId={action.id}
      errors={errorsUnder(errors, 'webhook')}
    />
  );
}
