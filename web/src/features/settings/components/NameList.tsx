// A list of named things (account roles, flows) with add, rename and delete.
import { useState } from 'react';
import { ActionIcon, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { errorMessage } from '@/lib/api-client';
import { nameListWrites, useWrite, type NameListKind } from '../api';
import { confirmDelete } from './confirm-delete';

type Item = { id: string; name: string; count?: number };

/** What the things are for, said while a new workspace has none. */
const explain: Partial<Record<NameListKind, string>> = {
  flows:
    'Every task belongs to a flow: the kind of work it is, such as Onboarding, Renewal or Support. Add one above before anyone adds a task.',
};

export function NameList({
  what,
  kind,
  queryKey,
  items,
  isPending,
  error,
  countLabel,
}: {
  what: string;
  kind: NameListKind;
  queryKey: string;
  items: Item[] | undefined;
  isPending: boolean;
  error: unknown;
  countLabel: string;
}) {
  const [name, setName] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const writes = nameListWrites[kind];
  const create = useWrite(writes.create, [queryKey]);
  const rename = useWrite(
    (r: { id: string; name: string }) => writes.rename(r.id, r.name),
    [queryKey],
  );
  const del = useWrite(writes.remove, [queryKey]);
  const fail = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(e) });
  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setErr(null);
          create.mutate(name.trim(), {
            onSuccess: () => setName(''),
            onError: (x) => setErr(errorMessage(x)),
          });
        }}
      >
        <Group align="flex-start" mb="md">
          <TextInput
            label={`New ${what}`}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={err}
            w={280}
          />
          <Button type="submit" mt={25} disabled={!name.trim()} loading={create.isPending}>
            Add
          </Button>
        </Group>
      </form>
      {isPending ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} />
      ) : !items?.length ? (
        <EmptyState title={`No ${what}s yet`}>{explain[kind]}</EmptyState>
      ) : (
        <Table aria-label={`${what}s`} maw={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>{countLabel}</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  {renaming?.id === i.id ? (
                    <TextInput
                      aria-label={`Rename ${i.name}`}
                      size="xs"
                      value={renaming.name}
                      autoFocus
                      onChange={(e) => setRenaming({ id: i.id, name: e.currentTarget.value })}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter')
                          rename.mutate(renaming, {
                            onSuccess: () => setRenaming(null),
                            onError: fail,
                          });
                        if (e.key === 'Escape') setRenaming(null);
                      }}
                    />
                  ) : (
                    <Text size="sm">{i.name}</Text>
                  )}
                </Table.Td>
                <Table.Td>{i.count ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setRenaming({ id: i.id, name: i.name })}
                    >
                      Rename
                    </Button>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Delete ${i.name}`}
                      onClick={() =>
                        confirmDelete({
                          what,
                          name: i.name,
                          consequence: `The ${what} is removed from the list; one still in use cannot be deleted.`,
                          onConfirm: () => del.mutate(i.id, { onError: fail }),
                        })
                      }
                    >
                      ✕
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
