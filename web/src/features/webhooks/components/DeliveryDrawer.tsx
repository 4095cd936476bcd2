// One delivery: the request as sent (credentials never shown), attempts, last response, and Replay for dead/failed ones.
import {
  Alert,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorState, Loading } from '@/components/feedback';
import { errorMessage } from '@/lib/api-client';
import { formatTime } from '@/lib/dates';
import { deliveryStatusLabels } from '@/lib/labels';
import { useDelivery, useReplayDelivery } from '../api';
import { canReplay, statusColor, type Delivery } from '../types';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div
        style={{ fontSize: 'var(--mantine-font-size-sm)', minWidth: 0, overflowWrap: 'anywhere' }}
      >
        {children}
      </div>
    </Group>
  );
}

/** Bodies are shown pretty-printed when they are JSON, as sent otherwise. */
const pretty = (body: string) => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

function DeliveryBody({ d }: { d: Delivery }) {
  const replay = useReplayDelivery();
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Badge color={statusColor[d.status]} size="lg" tt="none" data-testid="delivery-status">
          {deliveryStatusLabels[d.status]}
        </Badge>
        {canReplay(d) && (
          <Button
            size="xs"
            loading={replay.isPending}
            onClick={() =>
              replay.mutate(d.id, {
                onSuccess: () =>
                  notifications.show({
                    color: 'teal',
                    message: 'Sent again with the same delivery id',
                  }),
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
              })
            }
          >
            Replay
          </Button>
        )}
      </Group>
      <Field label="Delivery id">
        <Code>{d.id}</Code>
      </Field>
      <Field label="Created">{formatTime(d.createdAt)}</Field>
      <Field label="Attempts">{d.attempts}</Field>
      <Field label="Last attempt">
        {formatTime(d.lastAttemptAt)}
        {d.durationMs !== null ? ` · ${d.durationMs} ms` : ''}
      </Field>
      {d.nextAttemptAt && <Field label="Next attempt">{formatTime(d.nextAttemptAt)}</Field>}
      <Field label="Last status">{d.lastStatusCode ?? '—'}</Field>
      {d.lastError && (
        <Alert color="red" title="Last error">
          {d.lastError}
        </Alert>
      )}
      <Title order={3} size="h5" mt="sm">
        Request
      </Title>
      <Field label="Method and URL">
        <Code>
          {d.request.method} {d.request.url}
        </Code>
      </Field>
      {d.hasCredentials && (
        <Text size="xs" c="dimmed">
          Credentials were sent; they are stored encrypted and never shown.
        </Text>
      )}
      {d.request.headers.length > 0 && (
        <Table withTableBorder verticalSpacing={4} aria-label="Request headers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Header</Table.Th>
              <Table.Th>Value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.request.headers.map((h, i) => (
              <Table.Tr key={`${h.name}-${i}`}>
                <Table.Td>
                  <Code>{h.name}</Code>
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{h.value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="sm" fw={500}>
        Body
      </Text>
      {d.request.body ? (
        <Code block aria-label="Request body">
          {pretty(d.request.body)}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          No body
        </Text>
      )}
      <Title order={3} size="h5" mt="sm">
        Last response
      </Title>
      {d.responseExcerpt ? (
        <Code block aria-label="Response excerpt">
          {d.responseExcerpt}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          No response body recorded
        </Text>
      )}
    </Stack>
  );
}

export function DeliveryDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useDelivery(id);
  return (
    <Drawer
      opened={Boolean(id)}
      onClose={onClose}
      position="right"
      size="lg"
      title={q.data ? `Delivery · ${q.data.webhookName}` : 'Delivery'}
    >
      {q.isPending ? (
        <Loading label="Loading delivery" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DeliveryBody d={q.data} />
      )}
    </Drawer>
  );
}
