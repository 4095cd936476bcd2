/** Time source; tests inject a movable one. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };
