// The touchpoint form's own fields, shared by "Log touchpoint" and the Complete dialog: the type (built-in
// four and the workspace's active types) and the participants (the account's contacts and colleagues).
import { MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { useAssignable } from '@/features/lookups/api';
import { touchpointTypeLabels } from '@/lib/labels';
import { useTouchpointTypes } from './api';

const builtIns = Object.entries(touchpointTypeLabels).map(([value, label]) => ({ value, label }));

export function TouchpointTypeSelect(props: Omit<SelectProps, 'data'>) {
  const types = useTouchpointTypes();
  // The built-in four while the workspace's list loads, so the field never starts empty.
  const data = types.data?.map((t) => ({ value: t.key, label: t.label })) ?? builtIns;
  return <Select label="Type" allowDeselect={false} searchable data={data} {...props} />;
}

/** A participant as the picker holds it: "contact:<id>" or "user:<id>". */
export const contactParticipant = (id: string) => `contact:${id}`;

/** The picker's values as the API takes them. */
export function participantIds(values: string[]) {
  const of = (kind: string) =>
    values.filter((v) => v.startsWith(`${kind}:`)).map((v) => v.slice(kind.length + 1));
  return { participantIds: of('contact'), userParticipantIds: of('user') };
}

/** The account's contacts, then the colleagues who can see it (the people tasks can be given to). */
export function ParticipantsSelect({
  accountId,
  ...props
}: Omit<MultiSelectProps, 'data'> & { accountId: string | null }) {
  const people = useAssignable(accountId);
  const data = [
    {
      group: 'Contacts',
      items: (people.data?.contacts ?? []).map((c) => ({
        value: contactParticipant(c.id),
        label: c.name + (c.email ? ` (${c.email})` : ''),
      })),
    },
    {
      group: 'Colleagues',
      items: (people.data?.users ?? []).map((u) => ({ value: `user:${u.id}`, label: u.name })),
    },
  ].filter((g) => g.items.length > 0);
  return (
    <MultiSelect
      label="Participants"
      searchable
      data={data}
      disabled={!accountId}
      nothingFoundMessage="Nobody matches"
      {...props}
    />
  );
}
