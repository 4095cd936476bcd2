// The signed-in caller of a request, for route handlers; the auth hook in app.ts sets it.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../context.ts';
import { errors } from './errors.ts';

/** The caller of an authenticated route; routes marked `public` never call this. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw errors.unauthenticated();
  return req.actor;
}
