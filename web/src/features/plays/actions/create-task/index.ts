import type { ActionOf, WebActionModule } from '../module';
import { CreateTaskEditor, errorTargets } from './Editor';
import { blank, labels, summary } from './summary';

export const createTask: WebActionModule<ActionOf<'create_task'>> = {
  kind: 'create-task',
  labels,
  manual: true,
  blank,
  Editor: CreateTaskEditor,
  errorTargets,
  summary,
};
