// The accounts list as a table (sortable headers, the chosen columns) or, below 600 px, as cards.
import {
  Anchor,
  Card,
  SimpleGrid,
  Stack,
  Table,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { TagBadges } from '@/components/TagBadges';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { useUsers } from '@/features/lookups/api';
import type { AccountSummary } from '../api';
import { cellText } from './cell-value';
import type { ListColumn } from './columns';

export type Sorting = { sort: string; dir: 'asc' | 'desc'; onSort: (column: string) => void };

function SortHeader({ id, label, sorting }: { id: string; label: string; sorting: Sorting }) {
  const dir = sorting.sort === id ? sorting.dir : undefined;
  return (
    <Table.Th
      className="nowrap"
      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
    >
      <UnstyledButton onClick={() => sorting.onSort(id)} fw={700} fz="sm">
        {label}
        <span aria-hidden> {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}</span>
        <VisuallyHidden>
          {dir ? `, sorted ${dir === 'asc' ? 'ascending' : 'descending'}` : ', sort'}
        </VisuallyHidden>
      </UnstyledButton>
    </Table.Th>
  );
}

type Props = { rows: AccountSummary[]; columns: ListColumn[]; sorting: Sorting };

function useUserName() {
  const users = useUsers();
  const byId = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  return (id: string) => byId.get(id);
}

export function AccountsTable(props: Props) {
  const narrow = useMediaQuery('(max-width: 599.98px)', false);
  return narrow ? <AccountCards {...props} /> : <WideTable {...props} />;
}

function WideTable({ rows, columns, sorting }: Props) {
  const userName = useUserName();
  const numeric = (c: ListColumn) => c.kind === 'number';
  return (
    <Table.ScrollContainer minWidth={700 + columns.length * 120}>
      <Table highlightOnHover aria-label="Accounts">
        <Table.Thead>
          <Table.Tr>
            <SortHeader id="name" label="Name" sorting={sorting} />
            <Table.Th className="nowrap">Type</Table.Th>
            <SortHeader id="lifecycleStage" label="Lifecycle stage" sorting={sorting} />
            {columns.map((c) => (
              <SortHeader key={c.id} id={c.id} label={c.label} sorting={sorting} />
            ))}
            <Table.Th className="nowrap">Open tasks</Table.Th>
            <Table.Th className="nowrap">Overdue</Table.Th>
            <Table.Th className="nowrap">Tags</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id} data-testid="account-row">
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
              {columns.map((c) => (
                <Table.Td key={c.id} className="nowrap" ta={numeric(c) ? 'right' : undefined}>
                  {cellText(a, c, userName)}
                </Table.Td>
              ))}
              <Table.Td>{a.openTaskCount}</Table.Td>
              <Table.Td>
                <OverdueCount n={a.overdueTaskCount} />
              </Table.Td>
              <Table.Td>
                <TagBadges tags={a.tags} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AccountCards({ rows, columns }: Props) {
  const userName = useUserName();
  return (
    <Stack gap="sm" role="list" aria-label="Accounts">
      {rows.map((a) => (
        <Card key={a.id} withBorder padding="sm" role="listitem" data-testid="account-row">
          <Anchor component={Link} to={`/accounts/${a.id}`} fw={600}>
            {a.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {a.accountType}
            {a.lifecycleStage ? ` · ${a.lifecycleStage}` : ''}
          </Text>
          <SimpleGrid cols={2} spacing={4} mt={6} component="dl" m={0}>
            {columns.map((c) => [
              <Text key={`${c.id}-l`} component="dt" size="xs" c="dimmed">
                {c.label}
              </Text>,
              <Text key={`${c.id}-v`} component="dd" size="sm" m={0}>
                {cellText(a, c, userName)}
              </Text>,
            ])}
            <Text component="dt" size="xs" c="dimmed">
              Open tasks
            </Text>
            <Text component="dd" size="sm" m={0}>
              {a.openTaskCount} <OverdueCount n={a.overdueTaskCount} suffix />
            </Text>
          </SimpleGrid>
          <TagBadges tags={a.tags} />
        </Card>
      ))}
    </Stack>
  );
}

function OverdueCount({ n, suffix }: { n: number; suffix?: boolean }) {
  if (suffix && !n) return null;
  return (
    <Text span size="sm" c={n ? 'red.8' : undefined} fw={n ? 600 : undefined}>
      {suffix ? `(${n} overdue)` : n}
    </Text>
  );
}
