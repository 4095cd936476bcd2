// Workspace: name, time zone, what happens to open tasks when an account role changes hands, e-mail policy.
import { Button, Group, Radio, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ErrorState, Loading } from '@/components/feedback';
import { errorMessage } from '@/lib/api-client';
import { useUpdateWorkspace, useWorkspace, type Workspace } from '../api';

function Editor({ ws }: { ws: Workspace }) {
  const update = useUpdateWorkspace();
  const [name, setName] = useState(ws.name);
  const [timeZone, setTimeZone] = useState(ws.timeZone);
  const [err, setErr] = useState<Record<string, string>>({});
  const save = (body: Parameters<typeof update.mutate>[0], what: string) =>
    update.mutate(body, {
      onSuccess: () => {
        setErr({});
        notifications.show({ color: 'teal', message: `${what} saved` });
      },
      onError: (e) => {
        const d = (e as { details?: Array<{ path: string; message: string }> }).details ?? [];
        setErr(Object.fromEntries(d.map((x) => [x.path.replace(/^body\./, ''), x.message])));
        notifications.show({ color: 'red', message: errorMessage(e) });
      },
    });
  return (
    <Stack maw={640}>
      <Group align="flex-end">
        <TextInput
          label="Workspace name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={err.name}
        />
        <TextInput
          label="Time zone"
          description="Due dates and “overdue” use this calendar"
          value={timeZone}
          onChange={(e) => setTimeZone(e.currentTarget.value)}
          error={err.timeZone}
        />
        <Button variant="default" onClick={() => save({ name, timeZone }, 'Workspace')}>
          Save
        </Button>
      </Group>
      <Radio.Group
        label="When an account role changes hands"
        description="Only tasks assigned to the previous holder on that account move."
        value={ws.settings.ownershipPolicy}
        onChange={(v) =>
          save(
            { settings: { ownershipPolicy: v as Workspace['settings']['ownershipPolicy'] } },
            'Ownership policy',
          )
        }
      >
        <Stack mt="xs" gap="xs">
          <Radio value="ownership_only" label="Update account ownership only (no task changes)" />
          <Radio
            value="reassign_except_manual"
            label="Also reassign open tasks, except manual tasks"
          />
          <Radio
            value="reassign_all"
            label="Also reassign all open tasks, including manual tasks"
          />
        </Stack>
      </Radio.Group>
      <Switch
        label="Send task e-mails to everyone, even users who opted out"
        checked={ws.settings.forceTaskEmails}
        onChange={(e) =>
          save({ settings: { forceTaskEmails: e.currentTarget.checked } }, 'E-mail policy')
        }
      />
      <Switch
        label="AI text generation"
        checked={ws.settings.aiText}
        onChange={(e) => save({ settings: { aiText: e.currentTarget.checked } }, 'AI setting')}
      />
    </Stack>
  );
}

export function WorkspaceSettings() {
  const ws = useWorkspace();
  if (ws.isPending) return <Loading />;
  if (ws.isError) return <ErrorState error={ws.error} />;
  return <Editor key={ws.data.id} ws={ws.data} />;
}
