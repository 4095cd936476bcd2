// After an upgrade, an open tab still asks for the previous build's code chunks, which are gone: one
// reload fetches the new build. The time guard stops a loop when a chunk is missing for another reason.
const KEY = 'playmaker.reloadedForNewBuild';

/** True for the error a lazy import throws when its chunk cannot be fetched. */
export function isStaleChunkError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(
    message,
  );
}

/** Reloads the page unless it already did so in the last minute; false when it did not reload. */
export function reloadForNewBuild(): boolean {
  const last = Number(sessionStorage.getItem(KEY) ?? 0);
  if (Date.now() - last < 60_000) return false;
  sessionStorage.setItem(KEY, String(Date.now()));
  window.location.reload();
  return true;
}
