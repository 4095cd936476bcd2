// Profile: every user's own notification opt-ins, phone, time zone, working hours, capacity and password.
import { useEffect, useState } from 'react';
import { Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, FormErrors, Loading } from '@/components/feedback';
import { useMe } from '@/features/auth/api';
import { fieldErrors } from '@/lib/form-errors';
import { roleLabel } from '@/lib/labels';
import { useProfile, useUpdateProfile } from './api';
import {
  NotificationFields,
  notificationBody,
  notificationFields,
  notificationValues,
  type NotificationValues,
} from './notification-fields';
import {
  hoursBody,
  hoursErrorAliases,
  hoursValues,
  TimeZoneSelect,
  WorkingHoursFields,
  type HoursValues,
} from './working-hours';

type Details = {
  notify: NotificationValues;
  timeZone: string | null;
  hours: HoursValues;
};

function DetailsForm({ userId, initial }: { userId: string; initial: Details }) {
  const update = useUpdateProfile(userId);
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [rest, setRest] = useState<string[]>([]);
  useEffect(() => setV(initial), [initial]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    setRest([]);
    try {
      await update.mutateAsync({
        ...notificationBody(v.notify),
        timeZone: v.timeZone,
        ...hoursBody(v.hours),
      });
      notifications.show({ color: 'teal', message: 'Profile saved' });
    } catch (err) {
      const r = fieldErrors(
        err,
        [...notificationFields, 'timeZone', 'weeklyCapacityHours'],
        hoursErrorAliases,
      );
      setErrors(r.byField);
      setRest(r.rest);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Your profile">
      <Stack gap="lg">
        <FormErrors messages={rest} title="Your profile was not saved" />
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Notifications
            </Title>
            <NotificationFields
              self
              value={v.notify}
              onChange={(notify) => setV({ ...v, notify })}
              errors={errors}
            />
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Time and availability
            </Title>
            <TimeZoneSelect
              value={v.timeZone}
              onChange={(timeZone) => setV({ ...v, timeZone })}
              error={errors.timeZone}
              description="Your digest hour and working hours are read in this time zone"
            />
            <WorkingHoursFields
              value={v.hours}
              onChange={(hours) => setV({ ...v, hours })}
              errors={{
                days: errors.days,
                start: errors.start,
                end: errors.end,
                weeklyCapacityHours: errors.weeklyCapacityHours,
              }}
            />
          </Stack>
        </Card>
        <Group>
          <Button type="submit" loading={update.isPending}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PasswordForm({ userId, hasPassword }: { userId: string; hasPassword: boolean }) {
  const update = useUpdateProfile(userId);
  const [v, setV] = useState({ currentPassword: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [rest, setRest] = useState<string[]>([]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setRest([]);
    if (v.password !== v.confirm) {
      setErrors({ confirm: 'The two new passwords differ.' });
      return;
    }
    setErrors({});
    try {
      await update.mutateAsync({
        password: v.password,
        ...(hasPassword ? { currentPassword: v.currentPassword } : {}),
      });
      setV({ currentPassword: '', password: '', confirm: '' });
      notifications.show({
        color: 'teal',
        message: 'Password changed; you were signed out everywhere else',
      });
    } catch (err) {
      const r = fieldErrors(err, ['currentPassword', 'password']);
      setErrors(r.byField);
      setRest(r.rest);
    }
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} noValidate aria-label="Change password">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Password
          </Title>
          <Text size="sm" c="dimmed">
            Changing it signs you out on every other browser and device.
          </Text>
          <FormErrors messages={rest} />
          {hasPassword && (
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              value={v.currentPassword}
              onChange={(e) => setV({ ...v, currentPassword: e.currentTarget.value })}
              error={errors.currentPassword}
            />
          )}
          <PasswordInput
            label="New password"
            description="At least 10 characters"
            autoComplete="new-password"
            value={v.password}
            onChange={(e) => setV({ ...v, password: e.currentTarget.value })}
            error={errors.password}
          />
          <PasswordInput
            label="New password again"
            autoComplete="new-password"
            value={v.confirm}
            onChange={(e) => setV({ ...v, confirm: e.currentTarget.value })}
            error={errors.confirm}
          />
          <Group>
            <Button type="submit" variant="default" loading={update.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function ProfilePage() {
  const { data: me } = useMe();
  const profile = useProfile(me?.id);
  if (!me || profile.isPending) return <Loading />;
  if (profile.isError)
    return <ErrorState error={profile.error} onRetry={() => profile.refetch()} />;
  const p = profile.data;
  return (
    <Stack maw={640} gap="lg">
      <PageHeader title="Profile" subtitle={`${p.name} · ${p.email} · ${roleLabel(p.role)}`} />
      <DetailsForm
        userId={p.id}
        initial={{
          notify: notificationValues(p),
          timeZone: p.timeZone,
          hours: hoursValues(p.workingHours, p.weeklyCapacityHours),
        }}
      />
      <PasswordForm userId={p.id} hasPassword={p.hasPassword} />
    </Stack>
  );
}
