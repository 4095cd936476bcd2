// The account (or my) timeline: one line per event, newest first, with a type filter.
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, Timeline } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { formatTime } from '@/lib/dates';
import { useTimeline, type TimelineEvent, type TimelineScope } from './api';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const valueText = (v: unknown) => (v === null || v === undefined || v === '' ? '(empty)' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const nameOf = (v: unknown) => (v && typeof v === 'object' && 'name' in v ? str((v as { name: unknown }).name) : str(v));

const fieldNames: Record<string, string> = { name: 'name', externalId: 'external id', lifecycleStage: 'stage', accountType: 'type', tags: 'tags', parentId: 'parent', teams: 'teams', firstName: 'first name', lastName: 'last name', email: 'e-mail', phone: 'phone', accountId: 'account' };
/** "stage: Onboarding → Adoption, tags" from an edit's before/after values (ids and lists are named, not dumped). */
function changesText(changes: unknown, fields: unknown): string {
  const c = (changes && typeof changes === 'object' ? changes : {}) as Record<string, { from?: unknown; to?: unknown }>;
  const list = Array.isArray(fields) ? (fields as string[]) : Object.keys(c);
  return list.map((f) => {
    const label = fieldNames[f] ?? f;
    const ch = c[f];
    const scalar = (v: unknown) => v === null || v === undefined || typeof v === 'string' || typeof v === 'number';
    return ch && scalar(ch.from) && scalar(ch.to) && !f.endsWith('Id') ? `${label}: ${valueText(ch.from)} → ${valueText(ch.to)}` : label;
  }).join(', ');
}

/** A sentence for each kind of event; unknown kinds still show their type. */
export function describeEvent(e: TimelineEvent): string {
  const p = e.payload;
  const title = str(p.title) || str(p.taskTitle);
  switch (e.type) {
    case 'task_created': return `Task created: ${title}${p.assignee ? ` → ${nameOf(p.assignee)}` : ''}`;
    case 'task_reassigned': return `Task reassigned: ${title} — from ${nameOf(p.previousAssignee ?? p.from) || 'nobody'} to ${nameOf(p.newAssignee ?? p.to)}`;
    case 'task_completed': return `Task completed: ${title}${p.outcome ? ` (outcome: ${str(p.outcome)})` : ''}`;
    case 'task_deleted': return `Task deleted: ${title}`;
    case 'touchpoint': case 'touchpoint_logged': return `Touchpoint (${str(p.type) || 'note'}): ${str(p.subject)}`;
    case 'task_updated': return `Task edited: ${title}${Array.isArray(p.fields) ? ` (${(p.fields as string[]).join(', ')})` : ''}`;
    case 'attribute_changed': return `${p.entity === 'contact' ? 'Contact attribute' : 'Attribute'} ${str(p.key)} changed: ${valueText(p.from)} → ${valueText(p.to)}`;
    case 'role_changed': return `${str(p.roleName) || 'Account role'} changed${typeof p.movedTasks === 'number' && p.movedTasks > 0 ? ` (${p.movedTasks} open tasks moved)` : ''}`;
    case 'form_submitted': return `Form submitted: ${str(p.formName) || title}`;
    case 'play_fired': return `Play fired: ${str(p.playName)}`;
    case 'webhook_succeeded': return `Webhook succeeded: ${str(p.name)}`;
    case 'webhook_failed': return `Webhook failed: ${str(p.name)}${p.error ? ` — ${str(p.error)}` : ''}`;
    case 'celebrate': case 'notify': return `${e.type === 'celebrate' ? '🎉 ' : ''}${str(p.message)}`;
    case 'account_created': return `Account created: ${str(p.name)}`;
    case 'account_updated': return `Account edited: ${changesText(p.changes, p.fields)}`;
    case 'contact_created': return `Contact added: ${str(p.name)}`;
    case 'contact_updated': return `Contact edited: ${str(p.name)} (${changesText(p.changes, p.fields)})`;
    case 'contact_deleted': return `Contact removed: ${str(p.name)}`;
    case 'attachment_added': return `File added: ${str(p.filename)}`;
    case 'attachment_deleted': return `File deleted: ${str(p.filename)}`;
    case 'outcome_action_failed': return `Outcome automation failed: ${title}`;
    default: return `${e.type.replace(/_/g, ' ')}${title ? `: ${title}` : ''}`;
  }
}

const filters = [
  { value: '', label: 'All events' },
  { value: 'task', label: 'Tasks' },
  { value: 'touchpoint', label: 'Touchpoints' },
  { value: 'attribute', label: 'Attribute changes' },
  { value: 'record', label: 'Account, contacts and files' },
  { value: 'play', label: 'Plays, webhooks, celebrations' },
];
const matches = (type: string, f: string) =>
  !f || (f === 'play' ? /^(play|webhook|celebrate|notify|outcome_action)/.test(type) : f === 'attribute' ? type === 'attribute_changed' || type === 'form_submitted'
    : f === 'record' ? /^(account|contact|attachment)_/.test(type) : type.startsWith(f));

export function TimelineList({ scope, compact }: { scope: TimelineScope; compact?: boolean }) {
  const [type, setType] = useState('');
  const q = useTimeline(scope);
  // A task's history comes filtered from the API (?taskId=); the type filter narrows the loaded pages here.
  const events = (q.data?.pages.flatMap((p) => p.data) ?? []).filter((e) => matches(e.type, type));
  return (
    <Stack gap="sm">
      {!compact && (
        <Group><Select label="Show" data={filters} value={type} onChange={(v) => setType(v ?? '')} allowDeselect={false} w={220} /></Group>
      )}
      {q.isPending ? <Loading label="Loading timeline" /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> :
        events.length === 0 ? <EmptyState title="No events yet">Tasks, touchpoints and changes show up here as they happen.</EmptyState> : (
          <Paper p={compact ? 0 : 'sm'} withBorder={!compact}>
            <Timeline bulletSize={14} lineWidth={2} aria-label="Timeline" component="ol" style={{ listStyle: 'none', paddingLeft: 0 }}>
              {events.map((e) => (
                <Timeline.Item key={e.id} component="li" data-testid="timeline-event" data-type={e.type}
                  title={<Text size="sm" fw={500}>{describeEvent(e)}</Text>}>
                  <Group gap={6}>
                    <Text size="xs" c="dimmed">{formatTime(e.createdAt)}{e.actor ? ` · ${e.actor.name}` : ''}</Text>
                    {e.account && !('accountId' in scope) && <Anchor component={Link} to={`/accounts/${e.account.id}`} size="xs">{e.account.name}</Anchor>}
                    {!compact && <Badge size="xs" variant="light" color="gray">{e.type.replace(/_/g, ' ')}</Badge>}
                  </Group>
                </Timeline.Item>
              ))}
            </Timeline>
          </Paper>
        )}
      {q.hasNextPage && <Button variant="subtle" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>Load more</Button>}
    </Stack>
  );
}
