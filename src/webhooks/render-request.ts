import type { MergeContext } from '../templates/merge-fields.ts';
import { compileTemplate, renderTemplate } from '../templates/render.ts';
import type { StoredAuth, StoredWebhook } from './definition.ts';
import { requestTarget } from './request-url.ts';

/** A webhook rendered for one target: ready to store as a delivery. Credentials stay sealed. */
export type RenderedWebhookRequest = {
  name: string;
  method: StoredWebhook['method'];
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
  auth: StoredAuth | null;
};

/** The URL as it will be requested (what the delivery log shows); one that does not parse is kept for the guard to refuse. */
function loggedUrl(rendered: string): string {
  try {
    return requestTarget(rendered).href;
  } catch {
    return rendered;
  }
}

/**
 * Renders the URL (values URL-encoded, "." and ".." as %2E), header values (control characters stripped) and JSON body
 * (values as JSON) of a stored webhook for one target. Templates were validated when saved; a
 * template that no longer validates throws the validation error.
 */
export function renderWebhookRequest(
  webhook: StoredWebhook,
  context: MergeContext,
): RenderedWebhookRequest {
  const url = loggedUrl(
    renderTemplate(compileTemplate(webhook.urlTemplate, 'url', undefined, 'urlTemplate'), context),
  );
  const headers: Array<[string, string]> = webhook.headers.map((h, i) => [
    h.name,
    renderTemplate(
      compileTemplate(h.valueTemplate, 'header', undefined, `headers.${i}.valueTemplate`),
      context,
    ),
  ]);
  let body: string | null = null;
  if (webhook.bodyTemplate && webhook.method !== 'GET') {
    body = renderTemplate(
      compileTemplate(webhook.bodyTemplate, 'json', undefined, 'bodyTemplate'),
      context,
    );
    if (!headers.some(([n]) => n.toLowerCase() === 'content-type'))
      headers.push(['content-type', 'application/json']);
  }
  return { name: webhook.name, method: webhook.method, url, headers, body, auth: webhook.auth };
}
