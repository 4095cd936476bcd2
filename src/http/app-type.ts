// The shape of the Fastify app every route module registers on, apart from app.ts so that route
// modules never import the app factory (which imports the route registry, which imports them).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyInstance {
    /** Every route registered, for the authorization matrix test and docs. */
    routeTable: Array<{ method: string; url: string; public: boolean }>;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a signed-in caller (login, health, signed links). */
    public?: boolean;
  }
}

/** The app with the zod type provider: what `buildApp` returns and route modules receive. */
export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>; // eslint-disable-line @typescript-eslint/no-explicit-any
