/** A sign-in the user cannot complete; its message is shown on the sign-in page (its cause goes to the log). */
export class SsoRefusal extends Error {}

export const refuse = (message: string, cause?: unknown) =>
  new SsoRefusal(message, cause === undefined ? undefined : { cause });
