// The account (or my) timeline: one line per event, newest first, with a type filter.
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, Timeline } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { formatTime } from '@/lib/dates';
import { timelineTypeLabel } from '@/lib/labels';
import { useAttributeDefs } from '@/features/lookups/api';
import { describeEvent, type DescribeContext } from '../../../../src/timeline/describe-event.ts';
import { useTimeline, type TimelineScope } from './api';

const filters = [
  { value: '', label: 'All events' },
  { value: 'task', label: 'Tasks' },
  { value: 'touchpoint', label: 'Touchpoints' },
  { value: 'attribute', label: 'Attribute changes' },
  { value: 'record', label: 'Account, contacts and files' },
  { value: 'play', label: 'Plays, webhooks, celebrations' },
];
const matches = (type: string, f: string) =>
  !f ||
  (f === 'play'
    ? /^(play|webhook|celebrate|notify|outcome_action)/.test(type)
    : f === 'attribute'
      ? type === 'attribute_changed' || type === 'form_submitted'
      : f === 'record'
        ? /^(account|contact|attachment)_/.test(type)
        : type.startsWith(f));

/** Attribute labels from the workspace's definitions, so lines name "Renewal date", not "renewal_date". */
function useAttributeLabels(): DescribeContext {
  const account = useAttributeDefs('account').data;
  const contact = useAttributeDefs('contact').data;
  return {
    attributeLabel: (entity, key) =>
      (entity === 'contact' ? contact : account)?.find((d) => d.key === key)?.label,
  };
}

export function TimelineList({ scope, compact }: { scope: TimelineScope; compact?: boolean }) {
  const [type, setType] = useState('');
  const q = useTimeline(scope);
  const labels = useAttributeLabels();
  // A task's history comes filtered from the API (?taskId=); the type filter narrows the loaded pages here.
  const events = (q.data?.pages.flatMap((p) => p.data) ?? []).filter((e) => matches(e.type, type));
  return (
    <Stack gap="sm">
      {!compact && (
        <Group>
          <Select
            label="Show"
            data={filters}
            value={type}
            onChange={(v) => setType(v ?? '')}
            allowDeselect={false}
            w={220}
          />
        </Group>
      )}
      {q.isPending ? (
        <Loading label="Loading timeline" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : events.length === 0 ? (
        <EmptyState title="No events yet">
          Tasks, touchpoints and changes show up here as they happen.
        </EmptyState>
      ) : (
        <Paper p={compact ? 0 : 'sm'} withBorder={!compact}>
          <Timeline
            bulletSize={14}
            lineWidth={2}
            aria-label="Timeline"
            component="ol"
            style={{ listStyle: 'none', paddingLeft: 0 }}
          >
            {events.map((e) => (
              <Timeline.Item
                key={e.id}
                component="li"
                data-testid="timeline-event"
                data-type={e.type}
                title={
                  <Text size="sm" fw={500}>
                    {describeEvent(e, labels)}
                  </Text>
                }
              >
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    {formatTime(e.createdAt)}
                    {e.actor ? ` · ${e.actor.name}` : ''}
                  </Text>
                  {e.account && !('accountId' in scope) && (
                    <Anchor component={Link} to={`/accounts/${e.account.id}`} size="xs">
                      {e.account.name}
                    </Anchor>
                  )}
                  {!compact && (
                    <Badge size="xs" variant="light" color="gray" tt="none">
                      {timelineTypeLabel(e.type)}
                    </Badge>
                  )}
                </Group>
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      )}
      {q.hasNextPage && (
        <Button
          variant="subtle"
          onClick={() => void q.fetchNextPage()}
          loading={q.isFetchingNextPage}
        >
          Load more
        </Button>
      )}
    </Stack>
  );
}
