// On a disabled journey play: its running journeys go on to their end (disabling only stops new
// entries), so the page says how many and offers to take them all out (POST /plays/{id}/journeys/remove).
import { Alert, Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '@/lib/api-client';
import type { Play } from '../types';
import { useRemoveAllJourneys, useStepCounts } from './api';
import { isJourneyPlay } from './draft';

const journeysWord = (n: number) => (n === 1 ? '1 journey' : `${n.toLocaleString()} journeys`);

export function StillRunningBanner({ play }: { play: Play }) {
  const watch = play.status === 'disabled' && isJourneyPlay(play);
  const counts = useStepCounts(play.id, watch);
  const removeAll = useRemoveAllJourneys(play.id);
  const running = counts.data?.totals.running ?? 0;
  if (!watch || running === 0) return null;
  const confirm = () =>
    modals.openConfirmModal({
      title: `Remove ${journeysWord(running)}?`,
      children: (
        <Text size="sm">
          Each record leaves the journey now; the play&apos;s exit rule says what happens to the
          open tasks its steps created.
        </Text>
      ),
      labels: { confirm: 'Remove all', cancel: 'Keep them running' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        removeAll.mutate(undefined, {
          onSuccess: (r) => notifications.show({ message: `${journeysWord(r.removed)} removed.` }),
          onError: (e) =>
            notifications.show({
              color: 'red',
              title: 'The journeys were not removed',
              message: errorMessage(e),
            }),
        }),
    });
  return (
    <Alert color="blue" title={`${journeysWord(running)} still running`} mb="md" role="status">
      <Text size="sm" mb="xs">
        The play is disabled, so no new records enter; records already in a journey go on to its
        end.
      </Text>
      <Button size="xs" variant="light" color="red" loading={removeAll.isPending} onClick={confirm}>
        Remove all
      </Button>
    </Alert>
  );
}
