// E-mail outbox (admin): every message the app queued, newest first; without SMTP this is where they can be read.
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { formatTime } from '@/lib/dates';
import { outboxKindLabel, outboxStatusLabels } from '@/lib/labels';
import { outboxStatuses, useOutbox, type OutboxEmail, type OutboxStatus } from './api';

const statusColor: Record<OutboxStatus, string> = {
  pending: 'blue',
  sent: 'teal',
  failed: 'red',
  outbox: 'gray',
};

function MessageDrawer({ mail, onClose }: { mail: OutboxEmail | null; onClose: () => void }) {
  return (
    <Drawer
      opened={Boolean(mail)}
      onClose={onClose}
      position="right"
      size="lg"
      title={mail?.subject ?? 'E-mail'}
    >
      {mail && (
        <Stack gap="xs">
          <Group gap="xs">
            <Badge color={statusColor[mail.status]} tt="none">
              {outboxStatusLabels[mail.status]}
            </Badge>
            <Badge variant="outline" tt="none">
              {outboxKindLabel(mail.kind)}
            </Badge>
          </Group>
          <Text size="sm">
            <Text span c="dimmed">
              To:{' '}
            </Text>
            {mail.toAddress}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              Queued:{' '}
            </Text>
            {formatTime(mail.createdAt)}
            {mail.sentAt ? ` · sent ${formatTime(mail.sentAt)}` : ''} · {mail.attempts} attempt
            {mail.attempts === 1 ? '' : 's'}
          </Text>
          {mail.lastError && (
            <Alert color="red" title="Last error">
              {mail.lastError}
            </Alert>
          )}
          {/* The plain-text part is shown as text: the HTML part is not rendered in the app. */}
          <Code
            block
            aria-label="Message text"
            // Long links wrap instead of scrolling; still focusable, so a scroll is keyboard-reachable.
            tabIndex={0}
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            data-testid="outbox-text"
          >
            {mail.textBody}
          </Code>
        </Stack>
      )}
    </Drawer>
  );
}

export function OutboxSettings() {
  const [status, setStatus] = useState<OutboxStatus | undefined>();
  const [open, setOpen] = useState<OutboxEmail | null>(null);
  const list = useOutbox(status);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <Group mb="sm" role="search" aria-label="Filter e-mails">
        <Select
          label="Status"
          clearable
          placeholder="Any status"
          w={160}
          value={status ?? null}
          onChange={(v) => setStatus((v ?? undefined) as OutboxStatus | undefined)}
          data={outboxStatuses.map((s) => ({ value: s, label: outboxStatusLabels[s] }))}
        />
      </Group>
      <Stack>
        {list.isPending ? (
          <Loading label="Loading e-mails" />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState title="No e-mails">
            {status
              ? 'No e-mail has this status.'
              : 'Task notifications and reminders appear here once they are queued.'}
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={680}>
            <Table highlightOnHover aria-label="E-mail outbox">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Queued</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((m) => (
                  <Table.Tr key={m.id} data-testid="outbox-row">
                    <Table.Td>
                      <Anchor component="button" type="button" ta="left" onClick={() => setOpen(m)}>
                        {m.subject}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.toAddress}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{outboxKindLabel(m.kind)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[m.status]} variant="light" tt="none">
                        {outboxStatusLabels[m.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatTime(m.createdAt)}</Table.Td>
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
      <MessageDrawer mail={open} onClose={() => setOpen(null)} />
    </>
  );
}
