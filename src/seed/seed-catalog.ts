import type { Tx } from '../db/client.ts';
import {
  accountRoles,
  attributeDefinitions,
  flows,
  forms,
  type FormField,
} from '../db/schema/index.ts';

export type RoleName = 'Success Manager' | 'Sales Manager' | 'Executive Sponsor';
export type FlowName = 'Onboarding' | 'Adoption' | 'Renewal' | 'Risk' | 'Expansion';
export const flowNames: FlowName[] = ['Onboarding', 'Adoption', 'Renewal', 'Risk', 'Expansion'];
const roleNames: RoleName[] = ['Success Manager', 'Sales Manager', 'Executive Sponsor'];

type Definition = {
  entity: 'account' | 'contact';
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'enum';
  enumValues?: string[];
  crmSynced?: boolean;
};
const definitions: Definition[] = [
  { entity: 'account', key: 'renewal_date', label: 'Renewal date', type: 'date' },
  { entity: 'account', key: 'arr', label: 'ARR (USD)', type: 'number' },
  {
    entity: 'account',
    key: 'health',
    label: 'Health',
    type: 'enum',
    enumValues: ['good', 'average', 'poor'],
  },
  { entity: 'account', key: 'licenses', label: 'Licenses', type: 'number' },
  { entity: 'account', key: 'nps', label: 'NPS', type: 'number' },
  { entity: 'account', key: 'csm_notes', label: 'CSM notes', type: 'text' },
  { entity: 'account', key: 'crm_owner', label: 'CRM owner', type: 'text', crmSynced: true },
  { entity: 'contact', key: 'title', label: 'Job title', type: 'text' },
  { entity: 'contact', key: 'nps', label: 'NPS score', type: 'number' },
];

export type DemoForm = {
  id: string;
  name: string;
  accountType: 'customer' | 'partner';
  fields: FormField[];
};
const formPlans: Array<Omit<DemoForm, 'id'>> = [
  {
    name: 'Customer health check',
    accountType: 'customer',
    fields: [
      { attributeKey: 'health', label: 'How healthy is the account?', required: true },
      { attributeKey: 'nps', label: 'Latest NPS', required: false },
      { attributeKey: 'licenses', label: 'Licenses in use', required: false },
      { attributeKey: 'csm_notes', label: 'Notes', required: false },
    ],
  },
  {
    name: 'Renewal details',
    accountType: 'customer',
    fields: [
      { attributeKey: 'renewal_date', label: 'Renewal date', required: true },
      { attributeKey: 'arr', label: 'Expected ARR', required: true },
    ],
  },
  {
    name: 'Partner review',
    accountType: 'partner',
    fields: [
      { attributeKey: 'health', label: 'Partnership health', required: true },
      { attributeKey: 'licenses', label: 'Licenses resold', required: false },
      { attributeKey: 'csm_notes', label: 'Notes', required: false },
    ],
  },
];

export type Catalog = {
  roleIds: Record<RoleName, string>;
  flowIds: Record<FlowName, string>;
  forms: DemoForm[];
};

/** Account roles, attribute definitions, flows and request-information forms of the demo workspace. */
export async function seedCatalog(tx: Tx, ws: string): Promise<Catalog> {
  const roles = await tx
    .insert(accountRoles)
    .values(roleNames.map((name) => ({ workspaceId: ws, name })))
    .returning();
  await tx.insert(attributeDefinitions).values(
    definitions.map((d) => ({
      workspaceId: ws,
      entity: d.entity,
      key: d.key,
      label: d.label,
      type: d.type,
      enumValues: d.enumValues ?? null,
      crmSynced: d.crmSynced ?? false,
    })),
  );
  const flowRows = await tx
    .insert(flows)
    .values(flowNames.map((name) => ({ workspaceId: ws, name })))
    .returning();
  const formRows = await tx
    .insert(forms)
    .values(formPlans.map((f) => ({ workspaceId: ws, ...f })))
    .returning();
  return {
    roleIds: Object.fromEntries(roles.map((r) => [r.name, r.id])) as Record<RoleName, string>,
    flowIds: Object.fromEntries(flowRows.map((f) => [f.name, f.id])) as Record<FlowName, string>,
    forms: formRows.map((f) => ({
      id: f.id,
      name: f.name,
      accountType: f.accountType as DemoForm['accountType'],
      fields: f.fields,
    })),
  };
}
