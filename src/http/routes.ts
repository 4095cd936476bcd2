import type { Deps } from '../context.ts';
import type { App } from './app.ts';
import { authRoutes } from '../auth/routes.ts';
import { webRoutes } from '../web/serve-web.ts';
import { userRoutes } from '../users/routes.ts';
import { teamRoutes } from '../teams/routes.ts';
import { accountRoleRoutes } from '../roles/routes.ts';
import { flowRoutes } from '../flows/routes.ts';
import { formRoutes } from '../forms/routes.ts';
import { workspaceRoutes } from '../workspaces/routes.ts';
import { attachmentRoutes } from '../attachments/routes.ts';
import { segmentRoutes } from '../segments/routes.ts';
import { playRoutes } from '../plays/routes.ts';
import { assignmentRoutes } from '../assignment/routes.ts';
import { reportRoutes } from '../reports/routes.ts';
import { accountRoutes } from '../accounts/routes.ts';
import { contactRoutes } from '../contacts/routes.ts';
import { attributeRoutes } from '../attributes/routes.ts';
import { taskRoutes } from '../tasks/routes.ts';
import { taskListRoutes } from '../tasks/list-routes.ts';
import { touchpointRoutes } from '../touchpoints/routes.ts';
import { timelineRoutes } from '../timeline/routes.ts';
import { webhookRoutes } from '../webhooks/routes.ts';
import { templateRoutes } from '../templates/routes.ts';
import { spotlightRoutes } from '../spotlight/routes.ts';
import { aiRoutes } from '../ai/routes.ts';
import { calendarRoutes } from '../calendar/routes.ts';
import { digestRoutes } from '../digest/routes.ts';

/** Every feature's routes, registered in one place (one line per feature). */
export async function registerRoutes(app: App, deps: Deps): Promise<void> {
  await authRoutes(app, deps);
  await userRoutes(app, deps);
  await teamRoutes(app, deps);
  await accountRoleRoutes(app, deps);
  await flowRoutes(app, deps);
  await formRoutes(app, deps);
  await workspaceRoutes(app, deps);
  await attachmentRoutes(app, deps);
  await segmentRoutes(app, deps);
  await playRoutes(app, deps);
  await assignmentRoutes(app, deps);
  await reportRoutes(app, deps);
  await aiRoutes(app, deps);
  await calendarRoutes(app, deps);
  await digestRoutes(app, deps);
  await accountRoutes(app, deps);
  await contactRoutes(app, deps);
  await attributeRoutes(app, deps);
  await taskRoutes(app, deps);
  await taskListRoutes(app, deps);
  await touchpointRoutes(app, deps);
  await timelineRoutes(app, deps);
  await webhookRoutes(app, deps);
  await templateRoutes(app, deps);
  await spotlightRoutes(app, deps);
  await webRoutes(app); // last: the web app's history fallback catches every other GET
}
