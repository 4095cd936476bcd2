import type { ActionOf } from '../module';

type A = ActionOf<'webhook'>;

export const labels = { webhook: 'Webhook' };

export const blank = (): A => ({
  type: 'webhook',
  webhook: { name: '', method: 'POST', urlTemplate: '', headers: [] },
});

export const summary = (a: A) => a.webhook.name;
