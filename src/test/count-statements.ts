// Test helper: the SQL statements a piece of work issues (both drivers log every statement through
// the Drizzle session's options, which its transactions share).
import type { Db } from '../db/client.ts';

/** Runs `work` and returns its result with the text of every statement it issued. */
export async function withStatements<T>(
  db: Db,
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const session = (db as unknown as { session: { logger: unknown; options: { logger?: unknown } } })
    .session;
  const before = { logger: session.logger, options: session.options.logger };
  const statements: string[] = [];
  const logger = { logQuery: (query: string) => statements.push(query) };
  session.logger = logger;
  session.options.logger = logger;
  try {
    return { result: await work(), statements };
  } finally {
    session.logger = before.logger;
    session.options.logger = before.options;
  }
}
