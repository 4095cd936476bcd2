import type { ActionOf, WebActionModule } from '../module';
import { NotifyTeamEditor, errorTargets } from './Editor';
import { blank, labels, summary } from './summary';

export const notifyTeam: WebActionModule<ActionOf<'celebrate' | 'notify'>> = {
  kind: 'notify-team',
  labels,
  manual: false,
  blank,
  Editor: NotifyTeamEditor,
  errorTargets,
  summary,
};
