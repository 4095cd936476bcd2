import { errors } from '../http/errors.ts';

/**
 * The user's SMS opt-in after a change (SPEC §3 "how: SMS"): it needs a phone number, so asking for
 * it without one is refused, and removing the number ends it.
 */
export function smsOptIn(phone: string | null, requested: boolean | undefined, current: boolean) {
  if (requested && !phone)
    throw errors.field(
      'body.smsNotifications',
      'Add a phone number first: SMS notifications are sent to it.',
    );
  return phone ? (requested ?? current) : false;
}
