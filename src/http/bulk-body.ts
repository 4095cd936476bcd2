// Route options shared by the bulk upsert endpoints (accounts, contacts).
import type { Deps } from '../context.ts';

/** Lets the raw body through: bulk use cases validate rows themselves to report `rows.<i>.<field>`. */
export const passThroughValidator = () => (data: unknown) => ({ value: data });

/** Bulk bodies may be larger than ordinary ones (10,000 rows). */
export const bulkBodyLimit = (deps: Deps) => deps.config.PLAYMAKER_MAX_BODY_BYTES * 4;
