// The targets of a chunk with the fields merge templates read, for actions that render per record in
// code (webhooks, e-mails): one query for the chunk.
import { sql } from 'drizzle-orm';
import { mergeContextFrom } from '../../templates/merge-fields.ts';
import { queryRows } from '../../db/rows.ts';
import type { FireCtx } from '../engine/context.ts';

export type TargetRow = {
  record_id: string;
  account_id: string;
  a_name: string;
  a_external_id: string;
  a_stage: string | null;
  a_type: string;
  a_attrs: Record<string, unknown>;
  c_id: string | null;
  c_external_id: string | null;
  c_first: string | null;
  c_last: string | null;
  c_email: string | null;
  c_phone: string | null;
  c_attrs: Record<string, unknown> | null;
};

export async function targetDetails(ctx: FireCtx): Promise<TargetRow[]> {
  const contact = ctx.play.subject === 'contacts';
  return queryRows<TargetRow>(
    ctx.tx,
    sql`
    select x.record_id, a.id as account_id, a.name as a_name, a.external_id as a_external_id, a.lifecycle_stage as a_stage, a.account_type as a_type, a.attributes as a_attrs,
      c.id as c_id, c.external_id as c_external_id, c.first_name as c_first, c.last_name as c_last, c.email as c_email, c.phone as c_phone, c.attributes as c_attrs
    from (${ctx.targets}) x
    ${contact ? sql`join contacts c on c.id = x.record_id join accounts a on a.id = c.account_id` : sql`join accounts a on a.id = x.record_id left join contacts c on false`}`,
  );
}

/** The merge context of one target row. */
export function mergeFor(ctx: FireCtx, r: TargetRow) {
  return mergeContextFrom({
    account: {
      id: r.account_id,
      name: r.a_name,
      externalId: r.a_external_id,
      lifecycleStage: r.a_stage,
      accountType: r.a_type,
      attributes: r.a_attrs,
    },
    contact: r.c_id
      ? {
          id: r.c_id,
          externalId: r.c_external_id ?? '',
          firstName: r.c_first ?? '',
          lastName: r.c_last ?? '',
          email: r.c_email,
          phone: r.c_phone,
          attributes: r.c_attrs ?? {},
        }
      : null,
    play: { name: ctx.play.name, triggerDate: ctx.today },
  });
}
