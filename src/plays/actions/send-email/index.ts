// Send e-mail to contact (SPEC §5 action 6): contact plays; each target with an address gets one
// outbox e-mail, the whole chunk written in one insert in the firing's transaction.
import { renderTemplate, parseTemplate } from '../../../templates/render.ts';
import type { OutgoingEmail } from '../../../notifications/mailer.ts';
import { noCounts, type ActionCounts, type FireCtx } from '../../engine/context.ts';
import type { ActionModule, ValidateCtx } from '../module.ts';
import { insertResults, type ResultRow } from '../results.ts';
import { mergeFor, targetDetails } from '../target-details.ts';
import { sendEmailSchema, type SendEmailAction } from './schema.ts';

async function validate(ctx: ValidateCtx, action: SendEmailAction) {
  const { at, allow } = ctx;
  if (ctx.subject !== 'contacts')
    ctx.problems.push({
      path: `${at}.type`,
      message: 'Sending an e-mail to the contact needs a contact play.',
    });
  ctx.problems.push(
    ...parseTemplate(action.subject, 'header', allow, `${at}.subject`).errors,
    ...parseTemplate(action.body, 'text', allow, `${at}.body`).errors,
  );
  return action;
}

/** Renders each contact's e-mail in code, then queues them all at once; a contact without an address is skipped. */
async function fire(ctx: FireCtx, action: SendEmailAction): Promise<ActionCounts> {
  const c = noCounts();
  const results: ResultRow[] = [];
  const emails: OutgoingEmail[] = [];
  for (const r of await targetDetails(ctx)) {
    if (!r.c_email) {
      results.push({
        record_id: r.record_id,
        account_id: r.account_id,
        result: 'skipped',
        detail: { reason: 'no_email' },
      });
      c.skipped++;
      continue;
    }
    if (!ctx.dryRun) {
      const merge = mergeFor(ctx, r);
      emails.push({
        workspaceId: ctx.play.workspaceId,
        to: r.c_email,
        kind: 'play_contact_email',
        subject: renderTemplate(action.subject, merge, 'header'),
        text: renderTemplate(action.body, merge, 'text'),
      });
    }
    results.push({
      record_id: r.record_id,
      account_id: r.account_id,
      result: ctx.dryRun ? 'would_send' : 'emailed',
      detail: { to: r.c_email },
    });
    c.other++;
  }
  await ctx.deps.mailer.enqueueMany(ctx.tx, emails);
  await insertResults(ctx, action.id, results);
  return c;
}

export const sendEmail: ActionModule<SendEmailAction> = {
  kind: 'send-email',
  types: ['send_email'],
  schema: sendEmailSchema,
  manual: false,
  createsTasks: false,
  validate,
  fire,
  describeDryRun: (a) =>
    `e-mail "${a.subject}" to the contact (contacts without an address are skipped)`,
  toPublic: (a) => a,
  timelineText: {},
};
