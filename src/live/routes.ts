// GET /api/v1/live: one Server-Sent Events stream per signed-in tab, fed by this process's hub.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { PGlite } from '@electric-sql/pglite';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { AppError } from '../http/errors.ts';
import { SESSION_COOKIE } from '../auth/authenticate.ts';
import { sha256 } from '../auth/credentials.ts';
import type { ListenSource } from '../db/listen.ts';
import { createLiveHub, type LiveHubOptions } from './hub.ts';
import type { Credential } from './queries.ts';

const description = `A Server-Sent Events stream (text/event-stream) of changes to accounts, contacts and tasks
the caller may see, made by anyone in the workspace, the play engine or workers — through any API process.
Events: \`ready\` (connected), \`change\` (data: {"changes":[{"entity":"account|contact|task|play_run","kind":"created|updated|deleted|completed|fired","accountId":"…","ids":["…"]}]}; empty \`ids\` = many),
entity \`play_run\` (kind \`fired\`, ids = run ids) = a play run created tasks on that account (any trigger: a change, recurring, sweep, manual); they are committed;
\`feed\` (no id, data {}: new items reached the caller's own feed; refetch /feed/unread-count),
\`reset\` (too many changes, or a gap that cannot be replayed: refresh everything), \`end\` (the session ended: do not reconnect).
Every other event has an \`id\`; a reconnect sending \`Last-Event-ID\` (or \`?lastEventId=\`) gets what it missed. A comment line every 25 s keeps proxies from closing it.`;

const liveQuery = z.object({
  lastEventId: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional()
    .describe('Resume after this event id (for clients that cannot send Last-Event-ID)'),
});

/** Where this process LISTENs: the embedded PGlite, or the direct URL (PLAYMAKER_DIRECT_URL, else the pool's). */
function listenSourceOf(deps: Deps): ListenSource {
  const client = (deps.db as unknown as { $client: unknown }).$client;
  if (deps.dbKind === 'pglite') return { kind: 'pglite', pglite: client as PGlite };
  const poolUrl = (client as { options?: { connectionString?: string } }).options?.connectionString;
  return { kind: 'postgres', url: deps.config.PLAYMAKER_DIRECT_URL ?? poolUrl };
}

function credentialOf(req: FastifyRequest): Credential {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return { kind: 'token', hash: sha256(bearer) };
  return { kind: 'session', hash: sha256(req.cookies[SESSION_COOKIE] ?? '') };
}

export async function liveRoutes(app: App, deps: Deps, opts: LiveHubOptions = {}): Promise<void> {
  const hub = createLiveHub(deps, listenSourceOf(deps), opts);
  // Before the server closes: open streams would otherwise keep it waiting.
  app.addHook('preClose', async () => hub.close());
  // A sign-out through this process ends that session's streams at once (others: at the next check).
  app.addHook('onResponse', async (req) => {
    if (req.routeOptions.url === '/api/v1/auth/logout') hub.recheckSoon();
  });

  app.get(
    '/api/v1/live',
    {
      schema: {
        tags: ['live'],
        summary: 'Live updates for open screens (Server-Sent Events)',
        description,
        querystring: liveQuery,
        produces: ['text/event-stream'],
        response: {
          200: z.string().describe('text/event-stream: `id:`, `event:` and `data:` lines'),
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!hub.canOpen(actor.userId))
        throw new AppError('rate_limited', 'Too many live-update streams open; close a tab.');
      const header = req.headers['last-event-id'];
      const raw = (typeof header === 'string' ? header : undefined) ?? req.query.lastEventId;
      const lastEventId = raw && /^\d{1,18}$/.test(raw) ? Number(raw) : null;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // nginx: do not buffer the stream.
        'x-accel-buffering': 'no',
      });
      res.flushHeaders();
      const stream = {
        actor,
        credential: credentialOf(req),
        write: (chunk: string) => void res.write(chunk),
        end: () => res.end(),
        buffered: () => res.writableLength,
      };
      let unsubscribe: (() => void) | null = null;
      let gone = false;
      res.on('close', () => {
        gone = true;
        unsubscribe?.();
      });
      try {
        unsubscribe = await hub.open(stream, lastEventId);
        if (gone) unsubscribe();
      } catch (err) {
        req.log.error({ err }, 'live stream failed to open');
        res.end();
      }
    },
  );
}
