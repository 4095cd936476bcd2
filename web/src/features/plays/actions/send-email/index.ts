import type { ActionOf, WebActionModule } from '../module';
import { SendEmailEditor, errorTargets } from './Editor';
import { blank, labels, summary } from './summary';

export const sendEmail: WebActionModule<ActionOf<'send_email'>> = {
  kind: 'send-email',
  labels,
  manual: false,
  blank,
  Editor: SendEmailEditor,
  errorTargets,
  summary,
};
