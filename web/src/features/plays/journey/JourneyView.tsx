// One record's journey: where it is, what it waits for and until when, each step done with what it
// did, and (advanced users, admins) "Remove from journey" behind a confirmation.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Stack, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorState, Loading } from '@/components/feedback';
import { errorMessage } from '@/lib/api-client';
import { journeyEndReasonLabels, journeyStatusLabels } from '@/lib/labels';
import { canManagePlays, useMe } from '@/features/auth/api';
import { useJourneyDetail, useRemoveJourney } from './api';
import { useStepWords } from './step-names';
import { waitingWords, whenWords } from './words';

export function JourneyView({ id }: { id: string }) {
  const { data: me } = useMe();
  const q = useJourneyDetail(id);
  const words = useStepWords(q.data?.playId, q.data?.playVersion);
  const remove = useRemoveJourney();
  const [confirming, setConfirming] = useState(false);
  if (q.isPending) return <Loading label="Loading the journey" />;
  if (q.isError) return <ErrorState error={q.error} />;
  const j = q.data;
  const who = j.recordName ?? 'This record';
  const running = j.status === 'running';

  return (
    <Stack gap="sm" data-testid="journey-view">
      <Group gap="xs">
        <Badge color={running ? 'blue' : 'gray'} variant="light">
          {journeyStatusLabels[j.status]}
        </Badge>
        <Text size="sm">
          {who} in <b>{j.playName}</b> (version {j.playVersion})
        </Text>
      </Group>
      <Text size="sm">Entered {whenWords(j.enteredAt)}</Text>
      {running && (
        <Stack gap={4}>
          <Title order={4}>Where it is</Title>
          <Text size="sm" data-testid="journey-current-step">
            {words(j.stepId)}
            {j.visit > 1 ? ` (visit ${j.visit})` : ''}
          </Text>
          {j.waitingFor ? (
            <Text size="sm" data-testid="journey-waiting">
              {waitingWords(j.waitingFor)}
            </Text>
          ) : j.wakeAt ? (
            <Text size="sm">Next step {whenWords(j.wakeAt)}</Text>
          ) : null}
        </Stack>
      )}
      {!running && (
        <Text size="sm" data-testid="journey-ended">
          Ended {whenWords(j.endedAt)}
          {j.endReason ? `: ${journeyEndReasonLabels[j.endReason]}` : ''}
        </Text>
      )}
      {j.holdout && (
        <Alert color="gray">
          Held out: recorded as entered, no steps run, so the play can be compared with doing
          nothing.
        </Alert>
      )}
      <Title order={4}>Steps done</Title>
      {j.steps.length === 0 ? (
        <Text size="sm" c="dimmed">
          No step has run yet.
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={j.steps.length - 1}>
          {j.steps.map((s) => (
            <Timeline.Item
              key={`${s.stepId}-${s.visit}`}
              title={`${words(s.stepId)}${s.visit > 1 ? ` (visit ${s.visit})` : ''}`}
            >
              {typeof s.result.summary === 'string' && <Text size="sm">{s.result.summary}</Text>}
              <Text size="xs" c="dimmed">
                {whenWords(s.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {running && canManagePlays(me) && (
        <Button color="red" variant="light" w="fit-content" onClick={() => setConfirming(true)}>
          Remove from journey
        </Button>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Remove from the journey?"
        centered
      >
        <Stack gap="sm">
          <Text size="sm">
            {who} leaves “{j.playName}” now and takes no further steps. The play’s exit rule decides
            what happens to the tasks its steps opened.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(j.id, {
                  onSuccess: () => {
                    setConfirming(false);
                    notifications.show({ color: 'teal', message: `${who} left the journey` });
                  },
                  onError: (err) =>
                    notifications.show({ color: 'red', message: errorMessage(err) }),
                })
              }
            >
              Remove from journey
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
