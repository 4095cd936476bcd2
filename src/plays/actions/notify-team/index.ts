// Celebrate milestone / notify team (SPEC §5 action 4): a timeline entry, the team's feed, opted-in e-mail.
import type { ActionModule, ValidateCtx } from '../module.ts';
import { notifyTeam as fire } from './fire.ts';
import { notifyTeamSchema, type NotifyTeamAction } from './schema.ts';
import { notifyTeamText } from './timeline-text.ts';

async function validate(ctx: ValidateCtx, action: NotifyTeamAction) {
  if (ctx.trigger.type === 'manual')
    ctx.problems.push({
      path: `${ctx.at}.type`,
      message: 'Celebrate and notify are not available on manual plays.',
    });
  if (ctx.subject === 'contacts')
    ctx.problems.push({
      path: `${ctx.at}.type`,
      message: 'Celebrate and notify are not available on contact plays.',
    });
  return action;
}

export const notifyTeamModule: ActionModule<NotifyTeamAction> = {
  kind: 'notify-team',
  types: ['celebrate', 'notify'],
  schema: notifyTeamSchema,
  manual: false,
  createsTasks: false,
  validate,
  fire,
  describeDryRun: (a) =>
    `${a.type === 'celebrate' ? 'celebrate' : 'notify the team'} on the account's timeline and the team's feed: "${a.message}"`,
  toPublic: (a) => a,
  timelineText: notifyTeamText,
};
