import type { ActionOf, WebActionModule } from '../module';
import { WebhookEditor, errorTargets } from './Editor';
import { blank, labels, summary } from './summary';

export const webhook: WebActionModule<ActionOf<'webhook'>> = {
  kind: 'webhook',
  labels,
  manual: false,
  blank,
  Editor: WebhookEditor,
  errorTargets,
  summary,
};
