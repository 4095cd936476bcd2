import type { JobDefinition } from './registry.ts';
import { deliverWebhookJob } from '../webhooks/deliver-webhook.ts';
import { taskNotificationsSweepJob } from '../templates/notifications-sweep.ts';
import { playJobs, playSchedules } from '../plays/engine/jobs.ts';
import {
  ownershipSummaryJob,
  ownershipSummarySchedule,
} from '../ownership/send-ownership-summaries.ts';
import { purgeExpiredJob, purgeExpiredSchedule } from '../auth/purge-expired.ts';
import { dailyDigestJob, dailyDigestSchedule } from '../digest/send-digests.ts';

/**
 * Every job type the workers serve. Each feature appends its definitions here (one import + one
 * entry); startJobs() creates a queue per entry, and workers run them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const allJobs: JobDefinition<any>[] = [
  purgeExpiredJob,
  deliverWebhookJob,
  taskNotificationsSweepJob,
  ...playJobs,
  ownershipSummaryJob,
  dailyDigestJob,
];

/** Recurring jobs (cron, UTC unless tz): registered by worker processes at start. */
export const allSchedules: Array<{
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  job: JobDefinition<any>;
  cron: string;
  payload: object;
  key?: string;
  tz?: string;
}> = [
  purgeExpiredSchedule,
  { job: taskNotificationsSweepJob, cron: '*/10 * * * *', payload: {} },
  ...playSchedules,
  ownershipSummarySchedule,
  dailyDigestSchedule,
];
