// E-mail and SMS notification opt-ins with the phone number SMS needs: the profile's and Settings →
// Users → Edit's one form section (the server refuses SMS without a number and ends it when the number goes).
import { Stack, Switch, TextInput } from '@mantine/core';

export type NotificationValues = {
  emailNotifications: boolean;
  phone: string;
  smsNotifications: boolean;
};

export const notificationValues = (p: {
  emailNotifications: boolean;
  phone: string | null;
  smsNotifications: boolean;
}): NotificationValues => ({
  emailNotifications: p.emailNotifications,
  phone: p.phone ?? '',
  smsNotifications: p.smsNotifications,
});

export const notificationBody = (v: NotificationValues) => {
  const phone = v.phone.trim() || null;
  return {
    emailNotifications: v.emailNotifications,
    phone,
    smsNotifications: Boolean(phone) && v.smsNotifications,
  };
};

export const notificationFields = ['emailNotifications', 'phone', 'smsNotifications'];

/** `self`: the signed-in user's own profile ("me"); otherwise an admin editing someone. */
export function NotificationFields({
  value: v,
  onChange,
  errors,
  self,
}: {
  value: NotificationValues;
  onChange: (v: NotificationValues) => void;
  errors: Record<string, string | undefined>;
  self: boolean;
}) {
  const hasPhone = v.phone.trim() !== '';
  return (
    <Stack gap="sm">
      <Switch
        label={self ? 'E-mail me about my tasks' : 'E-mail notifications'}
        description="New, reassigned and due tasks; an admin may require some task e-mails"
        checked={v.emailNotifications}
        onChange={(e) => onChange({ ...v, emailNotifications: e.currentTarget.checked })}
        error={errors.emailNotifications}
      />
      <TextInput
        label="Mobile phone for text messages (SMS)"
        description="Where SMS notifications go"
        type="tel"
        autoComplete={self ? 'tel' : 'off'}
        value={v.phone}
        onChange={(e) => onChange({ ...v, phone: e.currentTarget.value })}
        error={errors.phone}
      />
      <Switch
        label="SMS notifications"
        description={
          hasPhone
            ? 'Task reminders a template sends by text message'
            : 'Needs a mobile phone number: enter one above to switch this on'
        }
        disabled={!hasPhone}
        checked={hasPhone && v.smsNotifications}
        onChange={(e) => onChange({ ...v, smsNotifications: e.currentTarget.checked })}
        error={errors.smsNotifications}
      />
    </Stack>
  );
}
