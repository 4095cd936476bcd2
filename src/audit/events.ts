/** A field that changed: its value before and after (secrets appear only as "[redacted]"). */
export type FieldChange = { before: unknown; after: unknown };
/** Changed fields by name. */
export type Diff = Record<string, FieldChange>;

type Target<T extends string> = { type: T; id: string | null; name: string | null };
type Of<K extends string, T extends string, C> = { kind: K; target: Target<T>; changes: C };
type Named = { name: string };
type Counts = { created: number; updated: number; unchanged: number };

/** Every admin action the audit log records: one type per kind, the kind a stable dotted name. */
export type AuditEvent =
  | Of<'workspace.updated', 'workspace', Diff>
  | Of<'user.created', 'user', { email: string; role: string; teamIds: string[] }>
  | Of<'user.updated', 'user', Diff>
  | Of<
      'user.disabled',
      'user',
      { transferTo: { id: string; name: string }; handover: Record<string, number> }
    >
  | Of<'user.enabled', 'user', Record<string, never>>
  | Of<'team.created', 'team', Named & { memberIds: string[] }>
  | Of<'team.renamed', 'team', Diff>
  | Of<'team.members_set', 'team', Diff>
  | Of<'team.deleted', 'team', Record<string, never>>
  | Of<'team.calendar_set', 'team', Diff>
  | Of<'account_role.created', 'account_role', Named>
  | Of<'account_role.renamed', 'account_role', Diff>
  | Of<'account_role.deleted', 'account_role', Record<string, never>>
  | Of<'flow.created', 'flow', Named>
  | Of<'flow.renamed', 'flow', Diff>
  | Of<'flow.deleted', 'flow', Record<string, never>>
  | Of<'touchpoint_type.created', 'touchpoint_type', { key: string; label: string }>
  | Of<'touchpoint_type.updated', 'touchpoint_type', Diff>
  | Of<'form.created', 'form', Named & { accountType: string | null; fieldCount: number }>
  | Of<'form.updated', 'form', Diff>
  | Of<'form.deleted', 'form', Record<string, never>>
  | Of<'attribute.created', 'attribute', { entity: string; key: string; type: string }>
  | Of<'attribute.updated', 'attribute', Diff>
  | Of<'attribute.deleted', 'attribute', { entity: string; key: string; clearedRecords: number }>
  | Of<'api_token.created', 'api_token', { prefix: string }>
  | Of<'api_token.revoked', 'api_token', Record<string, never>>
  | Of<'webhook.allowlist_set', 'webhook_settings', Diff>
  | Of<'webhook.settings_updated', 'webhook_settings', Diff>
  | Of<'webhook.signing_secret_rotated', 'webhook_settings', Record<string, never>>
  | Of<'accounts.imported', 'accounts', Counts>
  | Of<'contacts.imported', 'contacts', Counts>
  | Of<'play.published', 'play', { version: number; changed: string[] }>
  | Of<'play.version_restored', 'play', { restored: number; as: 'draft' | 'published' }>
  | Of<'play.draft_discarded', 'play', { draft: number }>
  | Of<'holiday.added', 'holiday_calendar', { date: string; name: string }>
  | Of<'holiday.removed', 'holiday_calendar', { date: string; name: string }>
  | Of<
      'holidays.replaced',
      'holiday_calendar',
      { added: string[]; removed: string[]; total: number }
    >;

export type AuditKind = AuditEvent['kind'];

/** The kinds as a runtime list (filters, OpenAPI enum); `satisfies` keeps it equal to the union. */
export const AUDIT_KINDS = [
  'workspace.updated',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'team.created',
  'team.renamed',
  'team.members_set',
  'team.deleted',
  'team.calendar_set',
  'account_role.created',
  'account_role.renamed',
  'account_role.deleted',
  'flow.created',
  'flow.renamed',
  'flow.deleted',
  'touchpoint_type.created',
  'touchpoint_type.updated',
  'form.created',
  'form.updated',
  'form.deleted',
  'attribute.created',
  'attribute.updated',
  'attribute.deleted',
  'api_token.created',
  'api_token.revoked',
  'webhook.allowlist_set',
  'webhook.settings_updated',
  'webhook.signing_secret_rotated',
  'accounts.imported',
  'contacts.imported',
  'play.published',
  'play.version_restored',
  'play.draft_discarded',
  'holiday.added',
  'holiday.removed',
  'holidays.replaced',
] as const satisfies readonly AuditKind[];
type Missing = Exclude<AuditKind, (typeof AUDIT_KINDS)[number]>;
// A kind added to the union but not to the list fails to compile here.
export const allKindsListed: Missing extends never ? true : Missing = true;

/** The fields among `fields` whose value differs between `before` and `after` (compared as JSON). */
export function diffOf<T extends Record<string, unknown>>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): Diff {
  const out: Diff = {};
  for (const f of fields) {
    if (JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
      out[f] = { before: before[f] ?? null, after: after[f] ?? null };
  }
  return out;
}
