// What a CSV column can be mapped to, for accounts and contacts: the bulk upsert row's fields, then one target per
// attribute definition (by label). Pure: imported by the web app and by a node test.

export type ImportEntity = 'account' | 'contact';
export type AttrType = 'text' | 'number' | 'boolean' | 'date' | 'enum' | 'user';
export type AttrDef = { key: string; label: string; type: AttrType; enumValues: string[] | null };

/** A mapping target: a row field, or `attr:<key>`; '' ignores the column. */
export type Target = string;
export type TargetOption = { value: Target; label: string; required?: boolean };

const accountFields: TargetOption[] = [
  { value: 'externalId', label: 'External id', required: true },
  { value: 'name', label: 'Name', required: true },
  { value: 'parentExternalId', label: 'Parent external id' },
  { value: 'lifecycleStage', label: 'Lifecycle stage' },
  { value: 'accountType', label: 'Account type' },
  { value: 'tags', label: 'Tags (separated by ; or ,)' },
  { value: 'teams', label: 'Teams (names, separated by ; or ,)' },
];
const contactFields: TargetOption[] = [
  { value: 'externalId', label: 'External id', required: true },
  { value: 'accountExternalId', label: 'Account external id', required: true },
  { value: 'firstName', label: 'First name', required: true },
  { value: 'lastName', label: 'Last name' },
  { value: 'email', label: 'E-mail' },
  { value: 'phone', label: 'Phone' },
  { value: 'tags', label: 'Tags (separated by ; or ,)' },
];

export function targetOptions(entity: ImportEntity, defs: AttrDef[]): TargetOption[] {
  const fields = entity === 'account' ? accountFields : contactFields;
  return [
    ...fields,
    ...defs.map((d) => ({ value: `attr:${d.key}`, label: `Attribute: ${d.label}` })),
  ];
}

export const requiredTargets = (entity: ImportEntity): Target[] =>
  (entity === 'account' ? accountFields : contactFields)
    .filter((f) => f.required)
    .map((f) => f.value);

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A first guess: a column whose name matches a field's name, label or an attribute's key or label. */
export function guessMapping(header: string[], entity: ImportEntity, defs: AttrDef[]): Target[] {
  const options = targetOptions(entity, defs);
  const names = new Map<string, Target>();
  const add = (name: string, t: Target) => {
    if (!names.has(norm(name))) names.set(norm(name), t);
  };
  // Row fields first: an attribute labelled like a field does not take the field's column.
  for (const o of options) {
    add(o.value.replace(/^attr:/, ''), o.value);
    add(o.label.replace(/^Attribute: /, '').replace(/\s*\(.*\)$/, ''), o.value);
  }
  for (const d of defs) add(d.label, `attr:${d.key}`);
  const aliases: Record<string, Target> = {
    id: 'externalId',
    email: 'email',
    mail: 'email',
    stage: 'lifecycleStage',
    type: 'accountType',
    parent: 'parentExternalId',
    account: 'accountExternalId',
  };
  const used = new Set<Target>();
  return header.map((h) => {
    const t = names.get(norm(h)) ?? aliases[norm(h)] ?? '';
    if (!t || used.has(t) || !options.some((o) => o.value === t)) return '';
    used.add(t);
    return t;
  });
}
