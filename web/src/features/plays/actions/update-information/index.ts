import type { ActionOf, WebActionModule } from '../module';
import { UpdateInformationEditor, errorTargets } from './Editor';
import { blank, labels, summary } from './summary';

export const updateInformation: WebActionModule<ActionOf<'update_information'>> = {
  kind: 'update-information',
  labels,
  manual: false,
  blank,
  Editor: UpdateInformationEditor,
  errorTargets,
  summary,
};
