// Select inputs over the reference lists; values are ids (or "user:<id>"-style for mixed assignees).
import { useMemo, useState } from 'react';
import { MultiSelect, Select, type SelectProps, type MultiSelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  contactName,
  useAccountContacts,
  useAssignable,
  useAccountLite,
  useAccountRoles,
  useAccountSearch,
  useFlows,
  useForms,
  useTeams,
  useUsers,
} from './api';

type Base = Omit<SelectProps, 'data'>;

export function AccountPicker(props: Base) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const results = useAccountSearch(q);
  const current = useAccountLite(props.value ?? null);
  const data = useMemo(() => {
    const list = (results.data ?? []).map((a) => ({ value: a.id, label: a.name }));
    if (current.data && !list.some((x) => x.value === current.data!.id))
      list.unshift({ value: current.data.id, label: current.data.name });
    return list;
  }, [results.data, current.data]);
  return (
    <Select
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No account matches'}
      data={data}
      {...props}
    />
  );
}

/** A dialog's "Account" field: required, searched by name, focused first unless the dialog opened on an account. */
export function AccountField({ presetId, ...props }: Base & { presetId?: string }) {
  return (
    <AccountPicker
      label="Account"
      required
      placeholder="Search accounts"
      data-autofocus={!presetId || undefined}
      {...props}
    />
  );
}

export function UserSelect({ includeDisabled, ...props }: Base & { includeDisabled?: boolean }) {
  const users = useUsers();
  const data = (users.data ?? [])
    .filter((u) => includeDisabled || u.enabled)
    .map((u) => ({ value: u.id, label: u.name }));
  return <Select searchable data={data} nothingFoundMessage="No user matches" {...props} />;
}

export function UserMultiSelect(props: Omit<MultiSelectProps, 'data'>) {
  const users = useUsers();
  const data = (users.data ?? [])
    .filter((u) => u.enabled)
    .map((u) => ({ value: u.id, label: u.name }));
  return <MultiSelect searchable data={data} {...props} />;
}

export function TeamSelect(props: Base) {
  const teams = useTeams();
  return (
    <Select
      searchable
      data={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
      {...props}
    />
  );
}

export function TeamMultiSelect(props: Omit<MultiSelectProps, 'data'>) {
  const teams = useTeams();
  return (
    <MultiSelect
      searchable
      data={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
      {...props}
    />
  );
}

export function FlowSelect(props: Base) {
  const flows = useFlows();
  // A new workspace has none, and a task cannot be added without one: say where they come from.
  const none = flows.data?.length === 0;
  return (
    <Select
      searchable
      data={(flows.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
      {...props}
      {...(none ? { placeholder: 'No flows yet: an admin adds them in Settings → Flows' } : {})}
    />
  );
}

export function RoleSelect(props: Base) {
  const roles = useAccountRoles();
  return (
    <Select data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))} {...props} />
  );
}

export function FormSelect({ accountType, ...props }: Base & { accountType?: string }) {
  const forms = useForms(accountType);
  // Only forms for the account's type are offered (the server checks it too).
  const data = (forms.data ?? [])
    .filter((f) => !accountType || f.accountType === accountType)
    .map((f) => ({ value: f.id, label: f.name }));
  return <Select data={data} nothingFoundMessage="No form for this account type" {...props} />;
}

export function ContactsMultiSelect({
  accountId,
  ...props
}: Omit<MultiSelectProps, 'data'> & { accountId: string | null }) {
  const contacts = useAccountContacts(accountId);
  const data = (contacts.data ?? []).map((c) => ({
    value: c.id,
    label: contactName(c) + (c.email ? ` (${c.email})` : ''),
  }));
  return <MultiSelect searchable data={data} disabled={!accountId} {...props} />;
}

/** Encodes an assignee choice as "user:<id>", "role:<id>" or "contact:<id>". */
export function assigneeFromValue(
  v: string | null | undefined,
): { userId?: string; roleId?: string; contactId?: string } | undefined {
  if (!v) return undefined;
  const [kind, id] = v.split(':');
  if (kind === 'user') return { userId: id };
  if (kind === 'role') return { roleId: id };
  if (kind === 'contact') return { contactId: id };
  return undefined;
}

type AssigneeOptions = { accountId?: string | null; allowContacts?: boolean; allowRoles?: boolean };

/**
 * With an account: only people who can see it (its teams' members and admins), then the account
 * roles (a role nobody holds here cannot be chosen), then the account's contacts, each marked as a
 * contact. Without one (several accounts at once): every enabled user and the roles.
 */
function useAssigneeGroups({
  accountId,
  allowContacts = true,
  allowRoles = true,
}: AssigneeOptions) {
  const users = useUsers();
  const roles = useAccountRoles();
  const assignable = useAssignable(accountId);
  if (accountId) {
    const a = assignable.data;
    return [
      {
        group: 'People who can see this account',
        items: (a?.users ?? []).map((u) => ({ value: `user:${u.id}`, label: u.name })),
      },
      {
        group: 'Account roles',
        items: allowRoles
          ? (a?.roles ?? []).map((r) => ({
              value: `role:${r.id}`,
              label: r.holder ? `Role: ${r.name} (${r.holder.name})` : `Role: ${r.name} (nobody)`,
              disabled: !r.holder,
            }))
          : [],
      },
      {
        group: 'Contacts',
        items: allowContacts
          ? (a?.contacts ?? []).map((c) => ({
              value: `contact:${c.id}`,
              label: `Contact: ${c.name}`,
            }))
          : [],
      },
    ];
  }
  return [
    {
      group: 'Team members',
      items: (users.data ?? [])
        .filter((u) => u.enabled)
        .map((u) => ({ value: `user:${u.id}`, label: u.name })),
    },
    {
      group: 'Account roles',
      items: allowRoles
        ? (roles.data ?? []).map((r) => ({ value: `role:${r.id}`, label: `Role: ${r.name}` }))
        : [],
    },
  ];
}

/** Users, account roles and (optionally) the account's contacts in one grouped picker. */
export function AssigneePicker({
  accountId,
  allowContacts,
  allowRoles,
  ...props
}: Base & AssigneeOptions) {
  const data = useAssigneeGroups({ accountId, allowContacts, allowRoles }).filter(
    (g) => g.items.length > 0,
  );
  return <Select searchable data={data} nothingFoundMessage="Nobody matches" {...props} />;
}
