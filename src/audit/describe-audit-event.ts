import type { AuditKind } from './events.ts';

const verbs: Record<AuditKind, string> = {
  'workspace.updated': 'changed the workspace settings',
  'user.created': 'added user',
  'user.updated': 'edited user',
  'user.disabled': 'disabled user',
  'user.enabled': 'enabled user',
  'team.created': 'created team',
  'team.renamed': 'renamed team',
  'team.members_set': 'changed the members of team',
  'team.deleted': 'deleted team',
  'team.calendar_set': 'changed the holiday calendar of team',
  'account_role.created': 'created account role',
  'account_role.renamed': 'renamed account role',
  'account_role.deleted': 'deleted account role',
  'flow.created': 'created flow',
  'flow.renamed': 'renamed flow',
  'flow.deleted': 'deleted flow',
  'touchpoint_type.created': 'added touchpoint type',
  'touchpoint_type.updated': 'edited touchpoint type',
  'form.created': 'created form',
  'form.updated': 'edited form',
  'form.deleted': 'deleted form',
  'attribute.created': 'created attribute',
  'attribute.updated': 'edited attribute',
  'attribute.deleted': 'deleted attribute',
  'api_token.created': 'created API token',
  'api_token.revoked': 'revoked API token',
  'webhook.allowlist_set': 'changed the webhook allow-list',
  'webhook.settings_updated': 'changed the webhook delivery settings',
  'webhook.signing_secret_rotated': 'rotated the webhook signing secret',
  'accounts.imported': 'imported accounts',
  'contacts.imported': 'imported contacts',
  'play.published': 'published a new version of play',
  'play.version_restored': 'restored an earlier version of play',
  'play.draft_discarded': 'discarded the draft of play',
  'holiday.added': 'added a holiday to calendar',
  'holiday.removed': 'removed a holiday from calendar',
  'holidays.replaced': 'replaced the dates of calendar',
};

type Entry = { kind: string; targetName: string | null; changes: Record<string, unknown> };

/** The action in words, e.g. `disabled user “Bea Jones” (changed: role)`; the actor is shown beside it. */
export function describeAuditEvent(e: Entry): string {
  const verb = verbs[e.kind as AuditKind] ?? e.kind;
  const named =
    e.targetName &&
    !e.kind.startsWith('webhook.') &&
    !e.kind.endsWith('.imported') &&
    e.kind !== 'workspace.updated'
      ? `${verb} “${e.targetName}”`
      : verb;
  return `${named}${detail(e)}`;
}

function detail(e: Entry): string {
  const c = e.changes;
  if (e.kind.endsWith('.imported'))
    return ` (${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged)`;
  if (e.kind === 'user.disabled')
    return ` (work handed to ${(c.transferTo as { name?: string } | undefined)?.name ?? 'another user'})`;
  if (e.kind === 'user.created') return ` as ${c.role}`;
  if (e.kind === 'play.published') return ` (version ${c.version})`;
  if (e.kind === 'play.version_restored')
    return ` (version ${c.restored}, ${c.as === 'draft' ? 'as a draft' : 'published'})`;
  if (e.kind === 'play.draft_discarded') return '';
  if (e.kind === 'holiday.added' || e.kind === 'holiday.removed') return ` (${c.date} ${c.name})`;
  if (e.kind === 'holidays.replaced')
    return ` (${(c.added as string[]).length} added, ${(c.removed as string[]).length} removed, ${c.total} in all)`;
  const changed = Object.keys(c).filter((k) => isChange(c[k]));
  return changed.length ? ` (changed: ${changed.map(fieldWords).join(', ')})` : '';
}

const fieldNames: Record<string, string> = {
  teamIds: 'teams',
  enumValues: 'choices',
  crmSynced: 'CRM sync',
  aiText: 'AI drafting',
  timeZone: 'time zone',
  emailNotifications: 'e-mail notifications',
  forceTaskEmails: 'task e-mails for everyone',
};
/** A changed field in words: "emailNotifications" → "e-mail notifications", "fooBar_baz" → "foo bar baz". */
const fieldWords = (key: string) =>
  fieldNames[key] ??
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .toLowerCase();

const isChange = (v: unknown) => !!v && typeof v === 'object' && 'before' in v && 'after' in v;
