// Webhook action: name, method, URL template with merge fields, credentials, header rows, JSON body, and Test connection.
import {
  ActionIcon,
  Alert,
  Button,
  Code,
  Group,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { errorMessage } from '@/lib/api-client';
import { MergeTextInput } from '@/components/merge-fields';
import { useTestWebhook } from '../api';
import type { ErrorTargets } from '@/lib/form-errors';
import type { WebhookDef } from '../types';

/** The error paths (relative to the webhook) shown next to an input below; keep in step with `errors[...]`. */
export function webhookErrorTargets(value: WebhookDef): ErrorTargets {
  const auth =
    value.auth?.type === 'basic'
      ? ['auth.username', 'auth.password']
      : value.auth?.type === 'token'
        ? ['auth.header', 'auth.value']
        : [];
  return {
    fields: [
      'name',
      'method',
      'urlTemplate',
      'bodyTemplate',
      'auth',
      ...auth,
      ...value.headers.flatMap((_, i) => [`headers.${i}.name`, `headers.${i}.valueTemplate`]),
    ],
    exact: ['headers', ...value.headers.map((_, i) => `headers.${i}`)],
  };
}

export function WebhookFields({
  value,
  onChange,
  playId,
  subject,
  actionId,
  errors,
}: {
  value: WebhookDef;
  onChange: (w: WebhookDef) => void;
  playId?: string;
  /** The play's records, for the "Add data" lists. */
  subject?: 'accounts' | 'contacts';
  actionId?: string;
  errors: Record<string, string>;
}) {
  const test = useTestWebhook();
  const authType =
    value.auth === null ? 'none' : (value.auth?.type ?? (value.hasCredentials ? 'keep' : 'none'));
  const set = (patch: Partial<WebhookDef>) => onChange({ ...value, ...patch });
  const runTest = () => {
    // A saved action with stored credentials is tested by id, so the secret never travels back to the browser.
    const { hasCredentials: _h, authType: _t, authHeader: _a, ...def } = value;
    test.mutate(
      playId && actionId && value.auth === undefined ? { playId, actionId } : { webhook: def },
    );
  };
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <TextInput
          label="Webhook name"
          required
          value={value.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={errors.name}
        />
        <Select
          label="Method"
          allowDeselect={false}
          data={['POST', 'PUT', 'PATCH', 'GET', 'DELETE']}
          value={value.method}
          onChange={(m) => set({ method: m as 'POST' })}
          maw={120}
          error={errors.method}
        />
      </Group>
      <MergeTextInput
        label="URL"
        destination="webhook_url"
        subject={subject}
        required
        placeholder="https://api.example.com/{{account.external_id}}/users/{{contact.first_name}}"
        description="Merge fields like {{account.external_id}} are URL-encoded."
        value={value.urlTemplate}
        onChange={(urlTemplate) => set({ urlTemplate })}
        error={errors.urlTemplate}
      />
      <Group align="flex-end" gap="xs">
        <Select
          label="Credentials"
          w={190}
          allowDeselect={false}
          value={authType}
          error={errors.auth}
          data={[
            ...(value.hasCredentials
              ? [{ value: 'keep', label: `Keep stored (${value.authType})` }]
              : []),
            { value: 'none', label: 'None' },
            { value: 'basic', label: 'Basic auth' },
            { value: 'token', label: 'Token header' },
          ]}
          onChange={(t) =>
            set({
              auth:
                t === 'keep'
                  ? undefined
                  : t === 'none'
                    ? null
                    : t === 'basic'
                      ? { type: 'basic', username: '', password: '' }
                      : { type: 'token', header: 'Authorization', value: '' },
            })
          }
        />
        {value.auth?.type === 'basic' && (
          <>
            <TextInput
              label="Username"
              error={errors['auth.username']}
              value={value.auth.username}
              onChange={(e) =>
                set({
                  auth: {
                    type: 'basic',
                    username: e.currentTarget.value,
                    password: (value.auth as { password: string }).password,
                  },
                })
              }
            />
            <PasswordInput
              label="Password"
              error={errors['auth.password']}
              value={value.auth.password}
              onChange={(e) =>
                set({
                  auth: {
                    type: 'basic',
                    username: (value.auth as { username: string }).username,
                    password: e.currentTarget.value,
                  },
                })
              }
            />
          </>
        )}
        {value.auth?.type === 'token' && (
          <>
            <TextInput
              label="Header"
              error={errors['auth.header']}
              value={value.auth.header}
              onChange={(e) =>
                set({
                  auth: {
                    type: 'token',
                    header: e.currentTarget.value,
                    value: (value.auth as { value: string }).value,
                  },
                })
              }
            />
            <PasswordInput
              label="Token"
              error={errors['auth.value']}
              value={value.auth.value}
              onChange={(e) =>
                set({
                  auth: {
                    type: 'token',
                    header: (value.auth as { header: string }).header,
                    value: e.currentTarget.value,
                  },
                })
              }
            />
          </>
        )}
      </Group>
      <Text size="sm" fw={500}>
        Headers
      </Text>
      {errors.headers && (
        <Text size="sm" c="red.8">
          {errors.headers}
        </Text>
      )}
      {value.headers.map((h, i) => (
        <Group key={i} gap="xs" align="flex-start">
          <TextInput
            aria-label={`Header ${i + 1} name`}
            placeholder="Name"
            w={220}
            error={
              [errors[`headers.${i}`], errors[`headers.${i}.name`]].filter(Boolean).join('; ') ||
              undefined
            }
            value={h.name}
            onChange={(e) =>
              set({
                headers: value.headers.map((x, j) =>
                  j === i ? { ...x, name: e.currentTarget.value } : x,
                ),
              })
            }
          />
          <TextInput
            aria-label={`Header ${i + 1} value`}
            placeholder="Value (merge fields allowed)"
            style={{ flex: 1 }}
            value={h.valueTemplate}
            error={errors[`headers.${i}.valueTemplate`]}
            onChange={(e) =>
              set({
                headers: value.headers.map((x, j) =>
                  j === i ? { ...x, valueTemplate: e.currentTarget.value } : x,
                ),
              })
            }
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove header ${i + 1}`}
            onClick={() => set({ headers: value.headers.filter((_, j) => j !== i) })}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="subtle"
          onClick={() => set({ headers: [...value.headers, { name: '', valueTemplate: '' }] })}
        >
          Add header
        </Button>
      </Group>
      <MergeTextInput
        label="JSON body"
        destination="webhook_body"
        subject={subject}
        multiline
        description="Values from merge fields are inserted as JSON."
        minRows={3}
        value={value.bodyTemplate ?? ''}
        onChange={(body) => set({ bodyTemplate: body || undefined })}
        error={errors.bodyTemplate}
      />
      <Group>
        <Button size="xs" variant="default" onClick={runTest} loading={test.isPending}>
          Test connection
        </Button>
      </Group>
      {test.isError && (
        <Alert color="red" role="alert">
          {errorMessage(test.error)}
        </Alert>
      )}
      {test.data && (
        <Alert
          color={test.data.ok ? 'teal' : 'red'}
          title={test.data.ok ? 'Connection works' : 'Connection failed'}
          role="status"
        >
          <Text size="sm">
            {test.data.request.method} {test.data.request.url} → {test.data.status ?? 'no response'}
            {test.data.durationMs !== null ? ` in ${test.data.durationMs} ms` : ''}
          </Text>
          {(test.data.refused || test.data.error) && (
            <Text size="sm">{test.data.refused ?? test.data.error}</Text>
          )}
          {test.data.bodyExcerpt && (
            <Code block mt={4}>
              {test.data.bodyExcerpt}
            </Code>
          )}
        </Alert>
      )}
    </Stack>
  );
}
