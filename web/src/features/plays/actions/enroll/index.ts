import type { ActionOf, WebActionModule } from '../module';
import { EnrollEditor, errorTargets } from './Editor';
import { blank, labels, summary } from './summary';

export const enroll: WebActionModule<ActionOf<'enroll'>> = {
  kind: 'enroll',
  labels,
  manual: false,
  blank,
  Editor: EnrollEditor,
  errorTargets,
  summary,
};
