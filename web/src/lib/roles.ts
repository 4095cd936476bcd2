// Who may use which screen: the one role table of the web app, mirroring the server's requireRole rules
// (src/auth/access.ts). Hiding is a courtesy; the server still refuses.

export type Role = 'admin' | 'advanced' | 'standard';

const rank: Record<Role, number> = { standard: 0, advanced: 1, admin: 2 };

/** admin ⊃ advanced ⊃ standard, as on the server. */
export const hasRole = (role: Role | null | undefined, min: Role) =>
  role !== null && role !== undefined && rank[role] >= rank[min];

export type Screen = { path: string; label: string; role: Role; nav: boolean };

/** Every screen, in navigation order, with the least role that can use it. */
export const SCREENS = [
  { path: '/portfolio', label: 'My Portfolio', role: 'standard', nav: true },
  { path: '/accounts', label: 'Accounts', role: 'standard', nav: true },
  { path: '/tasks', label: 'Tasks', role: 'standard', nav: true },
  { path: '/segments', label: 'Segments', role: 'standard', nav: true },
  { path: '/spotlight', label: 'Team Spotlight', role: 'standard', nav: true },
  // Plays, their reports and journeys: GET /plays… needs advanced.
  { path: '/plays', label: 'Plays', role: 'advanced', nav: true },
  // The template editor: creating, editing and deleting need advanced (templates/manage-templates.ts);
  // everyone may still apply a template from an account.
  { path: '/templates', label: 'Templates & outcomes', role: 'advanced', nav: true },
  // GET /webhooks/deliveries needs advanced (webhooks/manage-deliveries.ts).
  { path: '/webhooks', label: 'Webhook deliveries', role: 'advanced', nav: true },
  // Users, teams, audit log, outbox…: admin.
  { path: '/settings', label: 'Settings', role: 'admin', nav: true },
  { path: '/profile', label: 'Profile', role: 'standard', nav: false },
] as const satisfies readonly Screen[];

export type ScreenPath = (typeof SCREENS)[number]['path'];

/** The least role a screen needs. */
export const screenRole = (path: ScreenPath): Role => SCREENS.find((s) => s.path === path)!.role;

/*
 * Buttons follow the same rules through `hasRole` (features/auth/api.ts canManagePlays / isAdmin):
 * advanced — Import CSV and edit on accounts, new/edit segment, Run a play and the Journeys tab on an
 * account, Remove from journey, retry on webhook deliveries; admin — Webhook settings, everything
 * under Settings. Standard users keep their own work, accounts of their teams and their profile.
 */

/** "admins", "advanced users and admins": who a screen is for, in words. */
export const whoMay = (role: Role) =>
  role === 'admin' ? 'admins' : role === 'advanced' ? 'advanced users and admins' : 'everyone';
