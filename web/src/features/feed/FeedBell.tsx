// The bell in the header: my unread count (live), and a drawer listing my feed as sentences. Opening
// an item marks it read and goes to its task (over My Portfolio), its account or webhook deliveries.
import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Drawer,
  Group,
  Indicator,
  Loader,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { errorMessage } from '@/lib/api-client';
import { formatTime } from '@/lib/dates';
import { describeFeedItem, feedItemLink } from '../../../../src/feed/describe-item.ts';
import { useFeed, useMarkRead, useUnreadCount, type FeedItem } from './api';
import classes from './FeedBell.module.css';

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.3A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.7L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function FeedBell({ enabled }: { enabled: boolean }) {
  const [opened, setOpened] = useState(false);
  const count = useUnreadCount(enabled).data?.unread ?? 0;
  const label = count === 0 ? 'Feed, nothing unread' : `Feed, ${count} unread`;
  return (
    <>
      <Tooltip label="Feed">
        <Indicator
          label={count > 99 ? '99+' : count}
          size={18}
          color="red"
          disabled={count === 0}
          offset={4}
        >
          <ActionIcon
            size="lg"
            radius="xl"
            variant="subtle"
            aria-label={label}
            aria-haspopup="dialog"
            onClick={() => setOpened(true)}
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Tooltip>
      {opened && <FeedDrawer unread={count} onClose={() => setOpened(false)} />}
    </>
  );
}

function FeedDrawer({ unread, onClose }: { unread: number; onClose: () => void }) {
  const small = useMediaQuery('(max-width: 36em)');
  const feed = useFeed(true);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const items = feed.data?.pages.flatMap((p) => p.data) ?? [];
  const open = (item: FeedItem) => {
    if (!item.readAt) markRead.mutate({ ids: [item.id] });
    const to = feedItemLink(item);
    onClose();
    if (to) void navigate(to);
  };
  return (
    <Drawer opened onClose={onClose} position="right" size={small ? '100%' : 'md'} title="Feed">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {unread === 0 ? 'All read' : `${unread} unread`}
          </Text>
          <Button
            size="xs"
            variant="light"
            disabled={unread === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate({ all: true })}
          >
            Mark all as read
          </Button>
        </Group>
        {(feed.error ?? markRead.error) && (
          <Alert color="red" role="alert">
            {errorMessage(feed.error ?? markRead.error)}
          </Alert>
        )}
        {feed.isPending && <Loader size="sm" aria-label="Loading the feed" />}
        {!feed.isPending && items.length === 0 && (
          <Text size="sm">
            Nothing yet. Tasks assigned to you, their outcomes and team news appear here.
          </Text>
        )}
        <ul className={classes.list} aria-label="Feed items">
          {items.map((item) => (
            <li key={item.id}>
              <UnstyledButton
                className={classes.item}
                data-unread={item.readAt ? undefined : true}
                onClick={() => open(item)}
              >
                {!item.readAt && <VisuallyHidden>Unread: </VisuallyHidden>}
                <Text size="sm" fw={item.readAt ? 400 : 600} className={classes.sentence}>
                  {describeFeedItem(item)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatTime(item.createdAt)}
                </Text>
              </UnstyledButton>
            </li>
          ))}
        </ul>
        {feed.hasNextPage && (
          <Button
            variant="subtle"
            size="xs"
            loading={feed.isFetchingNextPage}
            onClick={() => void feed.fetchNextPage()}
          >
            Show older
          </Button>
        )}
      </Stack>
    </Drawer>
  );
}
