// Accounts list: search and filters over the accounts of my teams (admins see all).
import { Suspense, lazy, useState } from 'react';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { TeamSelect } from '@/features/lookups/pickers';
import { canManagePlays, useMe } from '@/features/auth/api';
import { useAccounts, type AccountFilters } from '../api';

const ImportCsvDialog = lazy(() =>
  import('@/features/import/ImportCsvDialog').then((m) => ({ default: m.ImportCsvDialog })),
);

export function AccountsPage() {
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q.trim(), 300);
  const [f, setF] = useState<Omit<AccountFilters, 'q'>>({});
  const filters: AccountFilters = { ...f, q: dq || undefined };
  const list = useAccounts(filters);
  const me = useMe();
  const [importing, setImporting] = useState(false);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const set = (k: keyof AccountFilters) => (v: string | null) =>
    setF((x) => ({ ...x, [k]: v || undefined }));
  return (
    <>
      <PageHeader
        title="Accounts"
        subtitle="Customer accounts of your teams"
        actions={
          canManagePlays(me.data) && (
            <Button variant="default" onClick={() => setImporting(true)}>
              Import CSV
            </Button>
          )
        }
      />
      {importing && (
        <Suspense fallback={null}>
          <ImportCsvDialog opened onClose={() => setImporting(false)} />
        </Suspense>
      )}
      <Group mb="md" align="flex-end" wrap="wrap" role="search" aria-label="Filter accounts">
        <TextInput
          label="Search"
          placeholder="Name or external id"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
        />
        <TeamSelect
          label="Team"
          clearable
          value={f.teamId ?? null}
          onChange={set('teamId')}
          w={180}
        />
        <TextInput
          label="Lifecycle stage"
          value={f.lifecycleStage ?? ''}
          onChange={(e) => set('lifecycleStage')(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          label="Account type"
          value={f.accountType ?? ''}
          onChange={(e) => set('accountType')(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          label="Tag"
          value={f.tag ?? ''}
          onChange={(e) => set('tag')(e.currentTarget.value)}
          w={140}
        />
        <Select
          label="Hierarchy"
          clearable
          w={160}
          value={f.hasParent ?? null}
          onChange={set('hasParent')}
          data={[
            { value: 'true', label: 'Has a parent' },
            { value: 'false', label: 'Top level' },
          ]}
        />
      </Group>
      {list.isPending ? (
        <Loading label="Loading accounts" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          title={dq || Object.values(f).some(Boolean) ? 'No account matches' : 'No accounts yet'}
        >
          {dq || Object.values(f).some(Boolean)
            ? 'Try another search or clear the filters.'
            : 'Accounts arrive through the API or the integration import.'}
        </EmptyState>
      ) : (
        <Stack>
          <Table.ScrollContainer minWidth={700}>
            <Table highlightOnHover aria-label="Accounts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Lifecycle stage</Table.Th>
                  <Table.Th>Open tasks</Table.Th>
                  <Table.Th>Overdue</Table.Th>
                  <Table.Th>Tags</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/accounts/${a.id}`} fw={500}>
                        {a.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {a.externalId}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.accountType}</Table.Td>
                    <Table.Td>{a.lifecycleStage ?? '—'}</Table.Td>
                    <Table.Td>{a.openTaskCount}</Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        c={a.overdueTaskCount ? 'red.8' : undefined}
                        fw={a.overdueTaskCount ? 600 : undefined}
                      >
                        {a.overdueTaskCount}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {a.tags.map((t) => (
                          <Badge key={t} size="xs" variant="light">
                            {t}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Button
              variant="subtle"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              Load more
            </Button>
          )}
        </Stack>
      )}
    </>
  );
}
