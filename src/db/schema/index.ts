// The one Drizzle schema: every table lives in a file here and is re-exported for drizzle-kit.
export * from './workspace.ts';
export * from './accounts.ts';
export * from './work.ts';
export * from './events.ts';
export * from './plays.ts';
export * from './webhooks.ts';
export * from './templates.ts';
export * from './ownership.ts';
export * from './calendar.ts';
export * from './digests.ts';
export * from './audit.ts';
export * from './oidc.ts';
export * from './journeys.ts';
