// Shapes of the webhooks API (src/webhooks/schema.ts on the server).
export type DeliveryStatus = 'pending' | 'failed' | 'succeeded' | 'dead';
export const deliveryStatuses: DeliveryStatus[] = ['pending', 'succeeded', 'failed', 'dead'];

export type Delivery = {
  id: string;
  status: DeliveryStatus;
  webhookName: string;
  playId: string | null;
  actionId: string | null;
  accountId: string | null;
  contactId: string | null;
  request: {
    method: string;
    url: string;
    headers: Array<{ name: string; value: string }>;
    body: string | null;
  };
  hasCredentials: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  durationMs: number | null;
  createdAt: string;
  updatedAt: string;
};

export type DeliveryFilters = { status?: DeliveryStatus; playId?: string };
export type WebhookSettings = { retrySchedule: number[]; timeoutMs: number };
export type SigningSecret = { secret: string; algorithm: string };

export const statusColor: Record<DeliveryStatus, string> = {
  pending: 'blue',
  succeeded: 'teal',
  // Grape, not orange: its light badge text keeps WCAG AA contrast (orange did not, once the demo had failed deliveries).
  failed: 'grape',
  dead: 'red',
};
/** Replay is offered where the server accepts it: dead-lettered or failed deliveries. */
export const canReplay = (d: Delivery) => d.status === 'dead' || d.status === 'failed';
