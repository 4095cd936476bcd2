import type { MergeContext } from '../templates/merge-fields.ts';
import { compileTemplate, renderTemplate } from '../templates/render.ts';
import type { StoredAuth, StoredWebhook } from './definition.ts';

/** A webhook rendered for one target: ready to store as a delivery. Credentials stay sealed. */
export type RenderedWebhookRequest = {
  name: string;
  method: StoredWebhook['method'];
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
  auth: StoredAuth | null;
};

/**
 * Renders the URL (values URL-encoded), header values (control characters stripped) and JSON body
 * (values as JSON) of a stored webhook for one target. Templates were validated when saved; a
 * template that no longer validates throws the validation error.
 */
export function renderWebhookRequest(webhook: StoredWebhook, context: MergeContext): RenderedWebhookRequest {
  const url = renderTemplate(compileTemplate(webhook.urlTemplate, 'url', undefined, 'urlTemplate'), context);
  const headers: Array<[string, string]> = webhook.headers.map((h, i) =>
    [h.name, renderTemplate(compileTemplate(h.valueTemplate, 'header', undefined, `headers.${i}.valueTemplate`), context)]);
  let body: string | null = null;
  if (webhook.bodyTemplate && webhook.method !== 'GET') {
    body = renderTemplate(compileTemplate(webhook.bodyTemplate, 'json', undefined, 'bodyTemplate'), context);
    if (!headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['content-type', 'application/json']);
  }
  return { name: webhook.name, method: webhook.method, url, headers, body, auth: webhook.auth };
}
