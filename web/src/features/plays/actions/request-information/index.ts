import type { ActionOf, WebActionModule } from '../module';
import { RequestInformationEditor, errorTargets } from './Editor';
import { blank, labels, summary } from './summary';

export const requestInformation: WebActionModule<ActionOf<'request_information'>> = {
  kind: 'request-information',
  labels,
  manual: true,
  blank,
  Editor: RequestInformationEditor,
  errorTargets,
  summary,
};
