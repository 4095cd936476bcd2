// Test helper: how many SQL statements each firing of one action module issues (both drivers log
// every statement through the Drizzle session's options, which its transactions share).
import type { Db } from '../../db/client.ts';
import type { ActionModule } from './module.ts';

/** Wraps `module.fire` to record its statement count per call in `counts`; `restore()` undoes it. */
export function countFireStatements<A extends Parameters<ActionModule['fire']>[1]>(
  db: Db,
  module: ActionModule<A>,
) {
  const session = (db as unknown as { session: { logger: unknown; options: { logger?: unknown } } })
    .session;
  let counting = false;
  let n = 0;
  const logger = {
    logQuery() {
      if (counting) n++;
    },
  };
  session.logger = logger;
  session.options.logger = logger;
  const counts: number[] = [];
  const fire = module.fire;
  module.fire = async (ctx, action) => {
    n = 0;
    counting = true;
    try {
      return await fire(ctx, action);
    } finally {
      counting = false;
      counts.push(n);
    }
  };
  return {
    counts,
    restore() {
      module.fire = fire;
    },
  };
}
