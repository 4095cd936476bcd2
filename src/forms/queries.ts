import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { forms, type FormField } from '../db/schema/index.ts';
import { loadDefinitions } from '../accounts/attributes.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';
import type { NamedTable } from '../workspaces/unique-name.ts';

type FormRow = typeof forms.$inferSelect;

export const formNames: NamedTable = {
  table: forms,
  id: forms.id,
  workspaceId: forms.workspaceId,
  name: forms.name,
  label: 'form',
};

export async function loadForm(db: DbOrTx, workspaceId: string, id: string): Promise<FormRow> {
  const [row] = await db
    .select()
    .from(forms)
    .where(and(eq(forms.id, id), eq(forms.workspaceId, workspaceId)));
  if (!row) throw errors.notFound('Form');
  return row;
}

/**
 * Binds each field to an existing ACCOUNT attribute definition (crm_synced ones included: a person
 * may correct CRM data by hand). Unknown keys are refused with a detail per field.
 */
export async function bindFields(
  db: DbOrTx,
  workspaceId: string,
  input: { attributeKey: string; label?: string; required: boolean }[],
): Promise<FormField[]> {
  const defs = await loadDefinitions(db, workspaceId, 'account');
  const details: ErrorDetail[] = [];
  const out = input.map((f, i) => {
    const def = defs.get(f.attributeKey);
    if (!def)
      details.push({
        path: `body.fields.${i}.attributeKey`,
        message: `no account attribute "${f.attributeKey}"`,
      });
    return {
      attributeKey: f.attributeKey,
      label: f.label ?? def?.label ?? f.attributeKey,
      required: f.required,
    };
  });
  if (details.length)
    throw errors.validation(details, 'Form fields must use existing account attributes.');
  return out;
}

export async function describeForms(db: DbOrTx, workspaceId: string, rows: FormRow[]) {
  if (rows.length === 0) return [];
  const defs = await loadDefinitions(db, workspaceId, 'account');
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    accountType: r.accountType,
    createdAt: r.createdAt.toISOString(),
    fields: r.fields.map((f) => {
      const def = defs.get(f.attributeKey);
      return {
        ...f,
        type: def?.type ?? null,
        enumValues: def?.type === 'enum' ? (def.enumValues ?? []) : null,
      };
    }),
  }));
}

export async function describeForm(db: DbOrTx, workspaceId: string, row: FormRow) {
  return (await describeForms(db, workspaceId, [row]))[0]!;
}
