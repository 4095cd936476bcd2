// Accounts list: search, filters, chosen attribute/role columns, sort and column filters over the
// accounts of my teams (admins see all); the whole view lives in the URL.
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { TeamSelect } from '@/features/lookups/pickers';
import { useAccountRoles, useAttributeDefs } from '@/features/lookups/api';
import { canManagePlays, useMe } from '@/features/auth/api';
import { useAccounts, type AccountFilters } from '../api';
import { AccountsTable } from '../list/AccountsTable';
import { ColumnFilterControl } from '../list/ColumnFilter';
import { ColumnsMenu } from '../list/ColumnsMenu';
import { listColumns, loadChosenColumns, saveChosenColumns } from '../list/columns';
import {
  formatFilter,
  readView,
  writeView,
  type ColumnFilter,
  type ListView,
} from '../list/url-state';

const ImportCsvDialog = lazy(() =>
  import('@/features/import/ImportCsvDialog').then((m) => ({ default: m.ImportCsvDialog })),
);

export function AccountsPage() {
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const setView = (next: ListView) => setParams(writeView(next), { replace: true });
  const f = view.filters;
  const [q, setQ] = useState(f.q ?? '');
  const [dq] = useDebouncedValue(q.trim(), 300);
  useEffect(() => {
    if ((dq || undefined) !== f.q) setView({ ...view, filters: { ...f, q: dq || undefined } });
    // Only a settled search string writes the URL.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dq]);
  const me = useMe();
  const defs = useAttributeDefs('account');
  const roles = useAccountRoles();
  const columns = useMemo(() => listColumns(defs.data, roles.data), [defs.data, roles.data]);
  const userId = me.data?.id ?? '';
  const [chosenIds, setChosenIds] = useState<string[] | null>(null);
  const chosen = chosenIds ?? (userId ? (loadChosenColumns(userId) ?? []) : []);
  const shown = columns.filter((c) => chosen.includes(c.id));
  const choose = (ids: string[]) => {
    setChosenIds(ids);
    if (userId) saveChosenColumns(userId, ids);
  };
  // Filters apply to the shown columns, and stay visible for any column the URL filters on.
  const filterable = columns.filter(
    (c) => chosen.includes(c.id) || view.columnFilters.some((x) => x.column === c.id),
  );
  const sort = view.sort ?? 'name';
  const dir = view.dir ?? 'asc';
  const list = useAccounts(f, {
    sort: view.sort,
    dir: view.sort ? dir : undefined,
    filter: view.columnFilters.length ? view.columnFilters.map(formatFilter) : undefined,
  });
  const [importing, setImporting] = useState(false);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const set = (k: keyof AccountFilters) => (v: string | null) =>
    setView({ ...view, filters: { ...f, [k]: v || undefined } });
  const setColumnFilter = (column: string) => (next: ColumnFilter | null) =>
    setView({
      ...view,
      columnFilters: [
        ...view.columnFilters.filter((x) => x.column !== column),
        ...(next ? [next] : []),
      ],
    });
  const onSort = (column: string) =>
    setView({
      ...view,
      sort: column,
      dir: sort === column && dir === 'asc' ? 'desc' : 'asc',
    });
  const filtered = Boolean(dq) || Object.values(f).some(Boolean) || view.columnFilters.length > 0;
  return (
    <>
      <PageHeader
        title="Accounts"
        subtitle="Customer accounts of your teams"
        actions={
          <Group gap="xs">
            <ColumnsMenu columns={columns} chosen={chosen} onChange={choose} />
            {canManagePlays(me.data) && (
              <Button variant="default" onClick={() => setImporting(true)}>
                Import CSV
              </Button>
            )}
          </Group>
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
      {filterable.length > 0 && (
        <Group mb="md" align="flex-end" wrap="wrap" role="group" aria-label="Filter by column">
          {filterable.map((c) => (
            <ColumnFilterControl
              key={c.id}
              column={c}
              filter={view.columnFilters.find((x) => x.column === c.id)}
              onChange={setColumnFilter(c.id)}
            />
          ))}
        </Group>
      )}
      {list.isPending ? (
        <Loading label="Loading accounts" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          title={filtered ? 'No account matches' : 'No accounts yet'}
          action={
            !filtered &&
            canManagePlays(me.data) && (
              <Button mt="xs" onClick={() => setImporting(true)}>
                Import accounts from CSV
              </Button>
            )
          }
        >
          {filtered
            ? 'Try another search or clear the filters.'
            : canManagePlays(me.data)
              ? 'Import a CSV of your accounts and their contacts, or send them through the API (POST /api/v1/accounts/bulk).'
              : 'Accounts of your teams show here once an admin imports them.'}
        </EmptyState>
      ) : (
        <Stack>
          <AccountsTable rows={rows} columns={shown} sorting={{ sort, dir, onSort }} />
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
