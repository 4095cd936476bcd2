// Enable (fire now or only for new entries), disable, dry run, and run a manual or recurring play now.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { EmptyState } from '@/components/feedback';
import { errorMessage } from '@/lib/api-client';
import { actionName, hiddenNote, resultLabel } from '../action-names';
import { useDisablePlay, useDryRun, useEnablePlay } from '../api';
import type { Play } from '../types';
import { DryRunPaths } from './DryRunPaths';
import { DryRunResults } from './DryRunResults';
import { RunPlayDialog } from './RunPlayDialog';

export function PlayControls({ play }: { play: Play }) {
  const enable = useEnablePlay(play.id);
  const disable = useDisablePlay(play.id);
  const dry = useDryRun(play.id);
  const [dialog, setDialog] = useState<'enable' | 'dry' | 'run' | null>(null);
  const [fireNow, setFireNow] = useState('new');
  const manual = play.trigger.type === 'manual';
  const fail = (e: unknown) =>
    notifications.show({
      color: 'red',
      title: 'The play could not do that',
      message: errorMessage(e),
    });
  return (
    <Group gap="xs">
      <Badge size="lg" color={play.status === 'enabled' ? 'teal' : 'gray'}>
        {play.status}
      </Badge>
      {play.status === 'disabled' ? (
        <Button onClick={() => setDialog('enable')}>Enable…</Button>
      ) : (
        <Button
          variant="default"
          loading={disable.isPending}
          onClick={() =>
            disable.mutate(undefined, {
              onSuccess: () =>
                notifications.show({ message: 'Play disabled; its open tasks stay as they are.' }),
              onError: fail,
            })
          }
        >
          Disable
        </Button>
      )}
      <Button
        variant="default"
        loading={dry.isPending}
        onClick={() => {
          setDialog('dry');
          dry.mutate(undefined, { onError: fail });
        }}
      >
        Dry run
      </Button>
      {(manual || play.trigger.type === 'recurring') && play.status === 'enabled' && (
        <Button variant="default" onClick={() => setDialog('run')}>
          Run now…
        </Button>
      )}

      <Modal opened={dialog === 'enable'} onClose={() => setDialog(null)} title="Enable the play">
        <Stack>
          {manual ? (
            <Text size="sm">A manual play fires only when someone runs it.</Text>
          ) : (
            <Radio.Group label="When enabled" value={fireNow} onChange={setFireNow}>
              <Stack mt="xs" gap="xs">
                <Radio
                  value="now"
                  label="Fire now for every record that already meets the criteria"
                />
                <Radio
                  value="new"
                  label="Fire only for records that meet the criteria from now on"
                />
              </Stack>
            </Radio.Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Cancel
            </Button>
            <Button
              loading={enable.isPending}
              onClick={() =>
                enable.mutate(fireNow === 'now' && !manual, {
                  onSuccess: () => {
                    setDialog(null);
                    notifications.show({ color: 'teal', message: 'Play enabled' });
                  },
                  onError: fail,
                })
              }
            >
              Enable
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal
        opened={dialog === 'dry'}
        onClose={() => setDialog(null)}
        title="Dry run: what would happen now"
        size="xl"
      >
        {dry.isPending ? (
          <Text size="sm" role="status">
            Evaluating the criteria…
          </Text>
        ) : dry.data?.data.length === 0 && !dry.data.hiddenRecords && !dry.data.journeys?.length ? (
          <EmptyState
            title={
              dry.data.targets === 0
                ? 'No record meets the criteria now'
                : 'No action would do anything now'
            }
          >
            {dry.data.targets === 0
              ? 'Enabling the play now would do nothing; it fires as records start to meet the criteria.'
              : `${dry.data.targets} record${dry.data.targets === 1 ? '' : 's'} meet the criteria, but no action has anything to do for them.`}
          </EmptyState>
        ) : dry.data ? (
          <Stack>
            <Text size="sm">
              {dry.data.targets} record{dry.data.targets === 1 ? '' : 's'} meet the criteria now.
            </Text>
            {hiddenNote(dry.data.hiddenRecords) && (
              <Text size="sm" c="dimmed">
                {hiddenNote(dry.data.hiddenRecords)}
              </Text>
            )}
            {dry.data.journeys ? (
              <DryRunPaths journeys={dry.data.journeys} />
            ) : (
              <>
                <Stack gap={4}>
                  {dry.data.summary.map((s) => (
                    <Group key={`${s.actionId}-${s.result}`} gap="xs">
                      <Text size="sm">{actionName(play.actions, s.actionId)}</Text>
                      <Badge variant="light" tt="none">
                        {resultLabel(s.result)} × {s.count}
                      </Badge>
                    </Group>
                  ))}
                </Stack>
                <DryRunResults actions={play.actions} rows={dry.data.data} />
              </>
            )}
          </Stack>
        ) : dry.isError ? (
          <Alert color="red">{errorMessage(dry.error)}</Alert>
        ) : null}
      </Modal>

      {dialog === 'run' && <RunPlayDialog play={play} opened onClose={() => setDialog(null)} />}
    </Group>
  );
}
