import { z } from 'zod';

/**
 * The canonical IANA name of a time zone, or null. Offsets such as "+01:00" (which Intl accepts)
 * are refused: workspace dates must follow a named zone's daylight-saving rules.
 */
export function canonicalTimeZone(tz: string): string | null {
  if (tz.length > 64 || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** A request field holding an IANA time zone; normalised to its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (!zone) {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Paris' });
      return z.NEVER;
    }
    return zone;
  });
