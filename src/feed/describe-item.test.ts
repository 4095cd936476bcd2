// The feed's sentences for every kind, including old or partial payloads (pure: no database).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeFeedItem, feedItemLink } from './describe-item.ts';
import { FEED_KINDS, type FeedItem } from './kinds.ts';

const base = {
  id: '1',
  account: { id: '00000000-0000-4000-8000-000000000001', name: 'Acme' },
  task: null,
  createdAt: '2026-03-02T09:00:00.000Z',
  readAt: null,
};
const play = { id: 'p', name: 'Renewals' };

describe('feed sentences', () => {
  const items: FeedItem[] = [
    {
      ...base,
      kind: 'notify',
      payload: { message: 'Renewal at risk', style: 'warning', play, accountName: 'Acme' },
    },
    {
      ...base,
      kind: 'celebrate',
      payload: { message: 'Went live', style: 'confetti', play, accountName: 'Acme' },
    },
    {
      ...base,
      kind: 'task_assigned',
      task: { id: '00000000-0000-4000-8000-000000000002', title: 'Call Acme' },
      payload: {
        title: 'Call Acme',
        accountName: 'Acme',
        dueDate: '2026-03-05',
        by: null,
        play,
        reassigned: false,
      },
    },
    {
      ...base,
      kind: 'task_outcome',
      payload: {
        title: 'Call Acme',
        accountName: 'Acme',
        outcome: null,
        completedBy: { id: 'u', name: 'Sam Standard' },
      },
    },
    {
      ...base,
      kind: 'webhook_failed',
      account: null,
      payload: {
        deliveryId: 'msg_x',
        webhook: 'CRM',
        accountName: null,
        statusCode: null,
        attempts: 3,
        error: null,
      },
    },
  ];

  it('reads as one sentence per kind, with words where a name is missing', () => {
    assert.deepEqual(items.map(describeFeedItem), [
      'Renewal at risk — Acme (play "Renewals")',
      '🎉 Went live — Acme (play "Renewals")',
      'The play "Renewals" assigned you "Call Acme" on Acme.',
      'Sam Standard completed "Call Acme" on Acme.',
      'Webhook "CRM" gave up after 3 attempts.',
    ]);
    assert.deepEqual(
      [...new Set(items.map((i) => i.kind))].sort(),
      [...FEED_KINDS].sort(),
      'every kind is covered',
    );
  });

  it('prefers the names of today, and survives a payload missing keys', () => {
    const renamed = { ...items[2]!, account: { ...base.account, name: 'Acme Corp' } } as FeedItem;
    assert.equal(
      describeFeedItem(renamed),
      'The play "Renewals" assigned you "Call Acme" on Acme Corp.',
    );
    const old = {
      ...base,
      account: null,
      kind: 'task_assigned',
      payload: {},
    } as unknown as FeedItem;
    assert.equal(describeFeedItem(old), 'Someone assigned you a task on an account.');
  });

  it('links to the task, else the account, and webhook failures to the deliveries', () => {
    assert.equal(feedItemLink(items[2]!), '/portfolio?task=00000000-0000-4000-8000-000000000002');
    assert.equal(feedItemLink(items[0]!), '/accounts/00000000-0000-4000-8000-000000000001');
    assert.equal(feedItemLink(items[4]!), '/webhooks');
  });
});
