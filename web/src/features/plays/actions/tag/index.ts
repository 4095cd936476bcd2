import type { ActionOf, WebActionModule } from '../module';
import { TagEditor, errorTargets } from './Editor';
import { blank, labels, summary } from './summary';

export const tag: WebActionModule<ActionOf<'add_tag' | 'remove_tag'>> = {
  kind: 'tag',
  labels,
  manual: false,
  blank,
  Editor: TagEditor,
  errorTargets,
  summary,
};
