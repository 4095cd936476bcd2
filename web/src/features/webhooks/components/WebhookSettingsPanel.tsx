// Webhook settings (admin): private-address allow-list, retry schedule and timeout, signing secret.
import { useState } from 'react';
import {
  Button,
  Card,
  Code,
  Group,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { ErrorState, FormErrors, Loading } from '@/components/feedback';
import { ApiError, errorMessage } from '@/lib/api-client';
import {
  useAllowlist,
  useRotateSecret,
  useSaveAllowlist,
  useSaveWebhookSettings,
  useSigningSecret,
  useWebhookSettings,
} from '../api';
import type { WebhookSettings } from '../types';

const saved = (what: string) => notifications.show({ color: 'teal', message: `${what} saved` });
/** Server messages for `body.entries.3` become "Line 4: …" (the text box has one entry per line). */
const lineErrors = (e: unknown) =>
  e instanceof ApiError && e.details.length
    ? e.details.map((d) => {
        const i = /entries\.(\d+)/.exec(d.path)?.[1];
        return i ? `Line ${Number(i) + 1}: ${d.message}` : d.message;
      })
    : [errorMessage(e)];

function AllowlistEditor({ initial }: { initial: string[] }) {
  const save = useSaveAllowlist();
  const [text, setText] = useState(initial.join('\n'));
  const [errs, setErrs] = useState<string[]>([]);
  const entries = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <Stack gap="xs">
      <Textarea
        label="Allowed private hosts and networks"
        autosize
        minRows={3}
        maxRows={12}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        description="One host name, IP address or CIDR per line (e.g. crm.internal, 10.0.0.0/8). Everything else private, loopback, link-local or metadata is refused."
      />
      <FormErrors messages={errs} />
      <Group>
        <Button
          variant="default"
          loading={save.isPending}
          onClick={() =>
            save.mutate(entries, {
              onSuccess: (r) => {
                setErrs([]);
                setText(r.entries.join('\n'));
                saved('Allow-list');
              },
              onError: (e) => setErrs(lineErrors(e)),
            })
          }
        >
          Save allow-list
        </Button>
      </Group>
    </Stack>
  );
}

function RetryEditor({ initial }: { initial: WebhookSettings }) {
  const save = useSaveWebhookSettings();
  const [schedule, setSchedule] = useState(initial.retrySchedule.join(', '));
  const [timeout, setTimeoutMs] = useState<number | string>(initial.timeoutMs);
  const [errs, setErrs] = useState<string[]>([]);
  const parsed = schedule
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  const bad = parsed.length === 0 || parsed.some((n) => !Number.isInteger(n) || n < 0);
  return (
    <Stack gap="xs">
      <Group align="flex-start">
        <TextInput
          label="Retry schedule (seconds)"
          w={320}
          value={schedule}
          onChange={(e) => setSchedule(e.currentTarget.value)}
          description="Wait before each attempt, comma-separated; the first is usually 0"
          error={bad ? 'Whole seconds, zero or more, separated by commas' : null}
        />
        <NumberInput
          label="Timeout (ms)"
          w={160}
          min={1000}
          max={60000}
          step={1000}
          value={timeout}
          onChange={setTimeoutMs}
          description="Whole request, 1,000–60,000"
        />
      </Group>
      <FormErrors messages={errs} />
      <Group>
        <Button
          variant="default"
          disabled={bad}
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { retrySchedule: parsed, timeoutMs: Number(timeout) },
              {
                onSuccess: () => {
                  setErrs([]);
                  saved('Retry settings');
                },
                onError: (e) => setErrs(lineErrors(e)),
              },
            )
          }
        >
          Save retries
        </Button>
      </Group>
    </Stack>
  );
}

function SigningSecret() {
  const [shown, setShown] = useState(false);
  const secret = useSigningSecret(shown);
  const rotate = useRotateSecret();
  const confirmRotate = () =>
    modals.openConfirmModal({
      title: 'Rotate the signing secret?',
      children: (
        <Text size="sm">
          Receivers that verify signatures reject every delivery until they have the new secret.
        </Text>
      ),
      labels: { confirm: 'Rotate secret', cancel: 'Keep the current one' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        rotate.mutate(undefined, {
          onSuccess: () => {
            setShown(true);
            notifications.show({ color: 'teal', message: 'New signing secret in use' });
          },
          onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
        }),
    });
  return (
    <Stack gap="xs">
      <Text size="sm">
        Every delivery carries <Code>webhook-id</Code>, <Code>webhook-timestamp</Code> and{' '}
        <Code>webhook-signature</Code> headers; receivers verify them with this secret.
      </Text>
      {shown &&
        (secret.isPending ? (
          <Loading label="Loading secret" />
        ) : secret.isError ? (
          <ErrorState error={secret.error} />
        ) : (
          <>
            <Code block data-testid="signing-secret">
              {secret.data.secret}
            </Code>
            <Text size="xs" c="dimmed">
              {secret.data.algorithm}
            </Text>
          </>
        ))}
      <Group>
        <Button variant="default" onClick={() => setShown((s) => !s)}>
          {shown ? 'Hide secret' : 'Show secret'}
        </Button>
        <Button variant="outline" color="red" onClick={confirmRotate} loading={rotate.isPending}>
          Rotate secret
        </Button>
      </Group>
    </Stack>
  );
}

export function WebhookSettingsPanel() {
  const allow = useAllowlist();
  const settings = useWebhookSettings();
  const section = (title: string, body: React.ReactNode) => (
    <Card withBorder component="section" aria-label={title}>
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      {body}
    </Card>
  );
  return (
    <Stack maw={760}>
      {section(
        'Allow-list',
        allow.isPending ? (
          <Loading />
        ) : allow.isError ? (
          <ErrorState error={allow.error} />
        ) : (
          <AllowlistEditor initial={allow.data.entries} />
        ),
      )}
      {section(
        'Retries and timeout',
        settings.isPending ? (
          <Loading />
        ) : settings.isError ? (
          <ErrorState error={settings.error} />
        ) : (
          <RetryEditor initial={settings.data} />
        ),
      )}
      {section('Signing secret', <SigningSecret />)}
    </Stack>
  );
}
