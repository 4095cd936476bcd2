// Webhook deliveries (advanced): every request plays sent, its status and attempts; dead ones can be replayed.
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { formatTime } from '@/lib/dates';
import { deliveryStatusLabels } from '@/lib/labels';
import { isAdmin, useMe } from '@/features/auth/api';
import { usePlays } from '@/features/plays/api';
import { useDeliveries } from '../api';
import { DeliveryDrawer } from '../components/DeliveryDrawer';
import { deliveryStatuses, statusColor, type DeliveryFilters } from '../types';

export function WebhookDeliveriesPage() {
  const [params, setParams] = useSearchParams();
  const { data: me } = useMe();
  const plays = usePlays();
  const filters: DeliveryFilters = {
    status: (params.get('status') ?? undefined) as DeliveryFilters['status'],
    playId: params.get('playId') ?? undefined,
  };
  const list = useDeliveries(filters);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const playName = (id: string | null) =>
    id ? (plays.data?.find((p) => p.id === id)?.name ?? 'a play') : '—';
  const setParam = (k: string, v: string | null) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v) n.set(k, v);
        else n.delete(k);
        return n;
      },
      { replace: k !== 'delivery' },
    );
  return (
    <>
      <PageHeader
        title="Webhook deliveries"
        subtitle="Requests sent by plays, newest first; failed ones are retried, then dead-lettered"
        actions={
          isAdmin(me) && (
            <Button component={Link} to="/settings?tab=webhooks" variant="default">
              Webhook settings
            </Button>
          )
        }
      />
      <Group mb="sm" align="flex-end" role="search" aria-label="Filter deliveries">
        <Select
          label="Status"
          clearable
          placeholder="Any status"
          w={160}
          value={filters.status ?? null}
          onChange={(v) => setParam('status', v)}
          data={deliveryStatuses.map((s) => ({ value: s, label: deliveryStatusLabels[s] }))}
        />
        <Select
          label="Play"
          clearable
          searchable
          placeholder="Any play"
          w={240}
          value={filters.playId ?? null}
          onChange={(v) => setParam('playId', v)}
          data={(plays.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
      </Group>
      <Stack>
        {list.isPending ? (
          <Loading label="Loading deliveries" />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState title="No deliveries">
            {filters.status || filters.playId
              ? 'No delivery matches these filters.'
              : 'Deliveries appear here when a play with a webhook action fires.'}
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover aria-label="Webhook deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Webhook</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Play</Table.Th>
                  <Table.Th>Request</Table.Th>
                  <Table.Th ta="right">Attempts</Table.Th>
                  <Table.Th>Last response</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((d) => (
                  <Table.Tr key={d.id} data-testid="delivery-row">
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        fw={500}
                        onClick={() => setParam('delivery', d.id)}
                      >
                        {d.webhookName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[d.status]} variant="light" tt="none">
                        {deliveryStatusLabels[d.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {d.playId ? (
                        <Anchor component={Link} to={`/plays/${d.playId}`} size="sm">
                          {playName(d.playId)}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1} maw={280} title={d.request.url}>
                        {d.request.method} {d.request.url}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{d.attempts}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={d.lastError ? 'red.8' : undefined} lineClamp={1} maw={200}>
                        {d.lastStatusCode ?? d.lastError ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatTime(d.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
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
      <DeliveryDrawer id={params.get('delivery')} onClose={() => setParam('delivery', null)} />
    </>
  );
}
