// Loading, error and empty states every list and page uses.
import type { ReactNode } from 'react';
import { Alert, Center, Loader, Stack, Text, Button } from '@mantine/core';
import { errorMessage } from '@/lib/api-client';

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Center py="xl" role="status">
      <Stack align="center" gap={4} maw={420}>
        <Text fw={600}>{title}</Text>
        {children && (
          <Text size="sm" c="dimmed" ta="center">
            {children}
          </Text>
        )}
        {action}
      </Stack>
    </Center>
  );
}

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-label={label}>
      <Loader size="sm" />
    </Center>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert color="red" role="alert" title="Could not load this">
      {errorMessage(error)}
      {onRetry && (
        <Button size="xs" variant="light" ml="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}

/** Messages the API returned that belong to no single field (`title`: what failed, e.g. "The play was not saved"). */
export function FormErrors({ messages, title }: { messages: string[]; title?: string }) {
  if (messages.length === 0) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {messages.map((m, i) => (
            <li key={`${i}-${m}`}>{m}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
