import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { sha256 } from '../auth/credentials.ts';
import { AppError, errors } from './errors.ts';
import type { App } from './app-type.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { workspaceId: string; userId: string; key: string };
  }
}

/** A claim with no answer after this long belongs to a request that died with its process. */
const ABANDONED_CLAIM_MS = 10 * 60_000;

/**
 * `Idempotency-Key` on POST: the first request claims the key with an insert (the primary key makes
 * the claim atomic across processes); repeats get the stored response, a different body with the
 * same key is refused, and a repeat while the first is still running gets 409 (until the claim is
 * old enough to be abandoned: then the repeat takes it over instead of being refused for ever).
 */
export function registerIdempotency(app: App, deps: Deps): void {
  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || !req.actor || typeof key !== 'string') return;
    if (key.length < 1 || key.length > 200)
      throw errors.field('headers.idempotency-key', 'Idempotency-Key must be 1–200 characters.');
    const { workspaceId, userId } = req.actor;
    const requestHash = sha256(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`);
    const now = deps.clock.now();
    const claimed = await deps.db
      .insert(idempotencyKeys)
      .values({ workspaceId, userId, key, requestHash, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    const same = and(
      eq(idempotencyKeys.workspaceId, workspaceId),
      eq(idempotencyKeys.userId, userId),
      eq(idempotencyKeys.key, key),
    );
    const owned =
      claimed.length > 0
        ? claimed
        : await deps.db
            .update(idempotencyKeys)
            .set({ createdAt: now })
            .where(
              and(
                same,
                eq(idempotencyKeys.requestHash, requestHash),
                isNull(idempotencyKeys.statusCode),
                lt(idempotencyKeys.createdAt, new Date(now.getTime() - ABANDONED_CLAIM_MS)),
              ),
            )
            .returning({ key: idempotencyKeys.key });
    if (owned.length > 0) {
      req.idempotency = { workspaceId, userId, key };
      return;
    }
    const [prior] = await deps.db.select().from(idempotencyKeys).where(same);
    if (!prior) throw errors.conflict('Idempotency-Key collided; retry.');
    if (prior.requestHash !== requestHash) {
      throw errors.unprocessable('This Idempotency-Key was already used with a different request.');
    }
    if (prior.statusCode === null)
      throw new AppError(
        'idempotency_conflict',
        'A request with this Idempotency-Key is still running.',
      );
    reply.header('idempotent-replayed', 'true');
    return reply.status(prior.statusCode).send(prior.response);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotency;
    if (!claim) return payload;
    const where = and(
      eq(idempotencyKeys.workspaceId, claim.workspaceId),
      eq(idempotencyKeys.userId, claim.userId),
      eq(idempotencyKeys.key, claim.key),
    );
    if (reply.statusCode >= 500) {
      // A server failure is not an answer: free the key so the client's retry runs again.
      await deps.db.delete(idempotencyKeys).where(where);
      return payload;
    }
    let response: unknown = null;
    try {
      response = typeof payload === 'string' ? JSON.parse(payload) : null;
    } catch {
      response = null;
    }
    await deps.db
      .update(idempotencyKeys)
      .set({ statusCode: reply.statusCode, response })
      .where(where);
    return payload;
  });
}
