import type { Deps } from '../context.ts';
import type { App } from './app.ts';
import { authRoutes } from '../auth/routes.ts';

/** Every feature's routes, registered in one place (one line per feature). */
export async function registerRoutes(app: App, deps: Deps): Promise<void> {
  await authRoutes(app, deps);
}
