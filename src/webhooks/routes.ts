import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { getDelivery, listDeliveries, replayDelivery } from './manage-deliveries.ts';
import {
  getAllowlist,
  getSigningSecret,
  getWebhookSettings,
  listDisabledWebhooks,
  putAllowlist,
  putWebhookSettings,
  reenableWebhook,
  rotateSigningSecret,
} from './manage-settings.ts';
import {
  allowlistSchema,
  deliveryListQuery,
  deliverySchema,
  disabledWebhookSchema,
  testWebhookBody,
  testWebhookResult,
  webhookSettingsSchema,
} from './schema.ts';
import { testWebhook } from './test-webhook.ts';

const tags = ['webhooks'];
const deliveryParams = z.object({ id: z.string().regex(/^msg_[A-Za-z0-9_-]{10,40}$/) });
const secretSchema = z.object({ secret: z.string(), algorithm: z.string() });

export async function webhookRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/webhooks/deliveries',
    {
      schema: {
        tags,
        summary: 'Webhook deliveries, newest first (advanced)',
        querystring: deliveryListQuery,
        response: {
          200: z.object({ data: z.array(deliverySchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) => listDeliveries(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/webhooks/deliveries/:id',
    {
      schema: {
        tags,
        summary: 'One delivery: request as sent (no credentials), attempts, last response',
        params: deliveryParams,
        response: { 200: deliverySchema },
      },
    },
    async (req) => getDelivery(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/webhooks/deliveries/:id/replay',
    {
      schema: {
        tags,
        summary: 'Send a dead or failed delivery again with the same delivery id',
        params: deliveryParams,
        response: { 200: deliverySchema },
      },
    },
    async (req) => replayDelivery(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/webhooks/test',
    {
      schema: {
        tags,
        summary: 'Test connection: send one real, signed request and show the response',
        body: testWebhookBody,
        response: { 200: testWebhookResult },
      },
    },
    async (req) => testWebhook(deps, actorOf(req), req.body),
  );

  app.get(
    '/api/v1/webhooks/allowlist',
    {
      schema: {
        tags,
        summary: 'Hosts and CIDRs webhooks may reach despite the private-address guard (admin)',
        response: { 200: allowlistSchema },
      },
    },
    async (req) => getAllowlist(deps, actorOf(req)),
  );

  app.put(
    '/api/v1/webhooks/allowlist',
    {
      schema: {
        tags,
        summary: 'Replace the webhook allow-list (admin)',
        body: allowlistSchema,
        response: { 200: allowlistSchema },
      },
    },
    async (req) => putAllowlist(deps, actorOf(req), req.body),
  );

  app.get(
    '/api/v1/webhooks/settings',
    {
      schema: {
        tags,
        summary: 'Retry schedule (seconds before each attempt) and timeout (admin)',
        response: { 200: webhookSettingsSchema },
      },
    },
    async (req) => getWebhookSettings(deps, actorOf(req)),
  );

  app.put(
    '/api/v1/webhooks/settings',
    {
      schema: {
        tags,
        summary: 'Change the retry schedule and timeout (admin)',
        body: webhookSettingsSchema,
        response: { 200: webhookSettingsSchema },
      },
    },
    async (req) => putWebhookSettings(deps, actorOf(req), req.body),
  );

  app.get(
    '/api/v1/webhooks/signing-secret',
    {
      schema: {
        tags,
        summary: 'The secret receivers verify webhook-signature with (admin)',
        response: { 200: secretSchema },
      },
    },
    async (req) => getSigningSecret(deps, actorOf(req)),
  );

  app.post(
    '/api/v1/webhooks/signing-secret/rotate',
    {
      schema: {
        tags,
        summary: 'Replace the signing secret (admin)',
        response: { 200: secretSchema },
      },
    },
    async (req) => rotateSigningSecret(deps, actorOf(req)),
  );

  app.get(
    '/api/v1/webhooks/disabled',
    {
      schema: {
        tags,
        summary: 'Webhook actions switched off by a 410 Gone',
        response: { 200: z.object({ data: z.array(disabledWebhookSchema) }) },
      },
    },
    async (req) => listDisabledWebhooks(deps, actorOf(req)),
  );

  app.delete(
    '/api/v1/webhooks/disabled/:playId/:actionId',
    {
      schema: {
        tags,
        summary: 'Re-enable a webhook action disabled by a 410',
        params: z.object({ playId: z.uuid(), actionId: z.string().min(1).max(100) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await reenableWebhook(deps, actorOf(req), req.params.playId, req.params.actionId);
      return reply.status(204).send(null);
    },
  );
}
