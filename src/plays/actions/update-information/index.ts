// Update information (SPEC §5 action 3): set, clear or trigger-date-offset attributes of the targets.
import type { ActionModule, ValidateCtx } from '../module.ts';
import { validateAttributes } from '../../../accounts/attributes.ts';
import { collect } from '../validate-helpers.ts';
import { updateInformation as fire } from './fire.ts';
import { updateInformationSchema, type UpdateInformationAction } from './schema.ts';

async function validate(ctx: ValidateCtx, action: UpdateInformationAction) {
  const { at, problems: d } = ctx;
  if (ctx.trigger.type === 'manual')
    d.push({ path: `${at}.type`, message: 'Update information is not available on manual plays.' });
  if (ctx.options.hierarchy)
    d.push({
      path: `${at}.type`,
      message: 'Update information is not available with the hierarchy option.',
    });
  const plain: Record<string, unknown> = {};
  for (const [j, s] of action.set.entries()) {
    const def = ctx.definitions.get(s.key);
    if (!def) {
      d.push({ path: `${at}.set.${j}.key`, message: `unknown attribute "${s.key}"` });
      continue;
    }
    if (def.crmSynced)
      d.push({
        path: `${at}.set.${j}.key`,
        message: `"${s.key}" is synced with the CRM and cannot be written by plays.`,
      });
    if (s.triggerDateOffsetDays !== undefined && def.type !== 'date')
      d.push({
        path: `${at}.set.${j}.triggerDateOffsetDays`,
        message: 'Only date attributes can be set relative to the trigger date.',
      });
    if (!s.clear && s.triggerDateOffsetDays === undefined) {
      if (s.value === undefined)
        d.push({
          path: `${at}.set.${j}.value`,
          message: 'Give a value, clear, or a trigger-date offset.',
        });
      else plain[s.key] = s.value;
    }
  }
  try {
    await validateAttributes(
      ctx.deps.db,
      ctx.workspaceId,
      ctx.subject === 'accounts' ? 'account' : 'contact',
      plain,
      { pathPrefix: `${at}.set`, definitions: ctx.definitions },
    );
  } catch (err) {
    collect(err, d);
  }
  return action;
}

/** "set health", "clear renewal_date", "set onboarded to the trigger date + 3 days". */
function describeSet(s: UpdateInformationAction['set'][number]): string {
  if (s.clear) return `clear ${s.key}`;
  const days = s.triggerDateOffsetDays;
  if (days === undefined) return `set ${s.key} to ${JSON.stringify(s.value)}`;
  return `set ${s.key} to the trigger date${days ? ` ${days > 0 ? '+' : '−'} ${Math.abs(days)} days` : ''}`;
}

export const updateInformation: ActionModule<UpdateInformationAction> = {
  kind: 'update-information',
  types: ['update_information'],
  schema: updateInformationSchema,
  manual: false,
  createsTasks: false,
  validate,
  fire,
  describeDryRun: (a) => a.set.map(describeSet).join(', '),
  toPublic: (a) => a,
  timelineText: {},
};
