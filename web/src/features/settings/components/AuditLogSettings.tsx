// Audit log (admins): who did what, when and from where; filters and a CSV export of the same selection.
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { client, linkTo, ok, type Page, type Query } from '@/lib/api-client';
import { auditKindLabel, auditKindLabels } from '@/lib/labels';
import { UserSelect } from '@/features/lookups/pickers';
import type { paths } from '@/lib/api-schema';

type AuditQuery = NonNullable<paths['/api/v1/audit-events']['get']['parameters']['query']>;
type AuditEvent = {
  id: string;
  createdAt: string;
  kind: string;
  description: string;
  actor: { id: string | null; name: string; via: string; ip: string | null };
};
type Filters = { kind?: AuditQuery['kind']; actorId?: string; from?: string; to?: string };

// The kinds the API accepts, in the order of their labels (lib/labels.ts has one for each).
const KINDS = Object.keys(auditKindLabels) as NonNullable<AuditQuery['kind']>[];

/** A date input (yyyy-mm-dd) as the start or end of that day in the viewer's time zone. */
const dayBound = (day: string, end: boolean) =>
  day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : undefined;

function useAuditEvents(filters: Filters) {
  return useInfiniteQuery({
    queryKey: ['audit-events', filters],
    queryFn: ({ pageParam, signal }) =>
      ok<Page<AuditEvent>>(
        client.GET('/api/v1/audit-events', {
          params: { query: { ...filters, cursor: pageParam, limit: 50 } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function AuditLogSettings() {
  const [kind, setKind] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const filters: Filters = {
    kind: (kind ?? undefined) as Filters['kind'],
    actorId: actorId ?? undefined,
    from: dayBound(fromDay, false),
    to: dayBound(toDay, true),
  };
  const events = useAuditEvents(filters);
  const rows = events.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <Group align="flex-end" mb="md" wrap="wrap">
        <Select
          label="Action"
          placeholder="Any action"
          data={KINDS.map((k) => ({ value: k, label: auditKindLabels[k] }))}
          value={kind}
          onChange={setKind}
          clearable
          searchable
          w={240}
        />
        <UserSelect
          label="By"
          placeholder="Anyone"
          value={actorId}
          onChange={setActorId}
          clearable
          includeDisabled
          w={220}
        />
        <TextInput
          type="date"
          label="From"
          value={fromDay}
          onChange={(e) => setFromDay(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          type="date"
          label="To"
          value={toDay}
          onChange={(e) => setToDay(e.currentTarget.value)}
          w={160}
        />
        <Anchor href={linkTo('/api/v1/audit-events/export.csv', {}, filters as Query)} download>
          <Button variant="light" component="span">
            Export CSV
          </Button>
        </Anchor>
      </Group>
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <ErrorState error={events.error} />
      ) : rows.length === 0 ? (
        <EmptyState title="No audit entries match" />
      ) : (
        <>
          <Table aria-label="Audit log" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>From</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Text size="sm" title={e.createdAt}>
                      {new Date(e.createdAt).toLocaleString()}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {e.actor.name}{' '}
                    <Badge size="xs" variant="outline">
                      {e.actor.via === 'token' ? 'API token' : 'signed in'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {e.actor.name} {e.description}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {auditKindLabel(e.kind)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.actor.ip ?? '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {events.hasNextPage && (
            <Button
              variant="subtle"
              mt="sm"
              loading={events.isFetchingNextPage}
              onClick={() => void events.fetchNextPage()}
            >
              Load more
            </Button>
          )}
        </>
      )}
    </>
  );
}
