// "Calendar feed": subscribe a calendar app to my open tasks at a secret URL (shown once), rotate or turn it off.
import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { errorMessage } from '@/lib/api-client';
import { formatTime } from '@/lib/dates';
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from './api';

export function CalendarFeedDialog({ onClose }: { onClose: () => void }) {
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const failure = create.error ?? revoke.error ?? feed.error;
  const enabled = feed.data?.enabled ?? false;
  return (
    <Modal opened onClose={onClose} title="Calendar feed" size="lg">
      <Stack>
        <Text size="sm">
          Subscribe Google Calendar, Outlook or Apple Calendar to this address to see your open
          tasks on their due dates. Anyone with the address can read them, so keep it private.
        </Text>
        {failure && (
          <Alert color="red" role="alert">
            {errorMessage(failure)}
          </Alert>
        )}
        {url ? (
          <>
            <TextInput
              label="Your feed address (shown only now)"
              value={url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy address'}
                </Button>
              )}
            </CopyButton>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {enabled
              ? `Your feed is on${feed.data?.lastFetchedAt ? `; last read by a calendar app ${formatTime(feed.data.lastFetchedAt)}` : ''}. A new address stops the old one working.`
              : 'Your feed is off.'}
          </Text>
        )}
        <Group justify="flex-end">
          {enabled && (
            <Button
              variant="subtle"
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(undefined, { onSuccess: () => setUrl(null) })}
            >
              Turn off
            </Button>
          )}
          <Button
            loading={create.isPending}
            onClick={() => create.mutate(undefined, { onSuccess: (r) => setUrl(r.url) })}
          >
            {enabled ? 'New address' : 'Turn on'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
