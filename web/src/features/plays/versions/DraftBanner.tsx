// On an enabled play with a draft: says the saved edits are not in force yet, with Publish and Discard.
import { Alert, Button, Group, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '@/lib/api-client';
import { useDiscardDraft, usePublishDraft, type VersionedPlay } from './api';

export function DraftBanner({ play, onCompare }: { play: VersionedPlay; onCompare: () => void }) {
  const publish = usePublishDraft(play.id);
  const discard = useDiscardDraft(play.id);
  if (!play.draft) return null;
  const enabled = play.status === 'enabled';
  const fail = (title: string) => (e: unknown) =>
    notifications.show({ color: 'red', title, message: errorMessage(e) });
  const confirmDiscard = () =>
    modals.openConfirmModal({
      title: 'Discard the draft?',
      children: (
        <Text size="sm">
          The saved changes are thrown away; the play keeps running on the version in force.
        </Text>
      ),
      labels: { confirm: 'Discard draft', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        discard.mutate(play.version, {
          onSuccess: () => notifications.show({ message: 'Draft discarded.' }),
          onError: fail('The draft was not discarded'),
        }),
    });
  return (
    <Alert color="yellow" title="Draft — changes not in force yet" mb="md" role="status">
      {enabled ? (
        <Text size="sm" mb="xs">
          The play keeps running on version {play.publishedVersion}. Records entering now get that
          version until you publish the draft (version {play.draft.number}); journeys already
          running finish on the version they entered with.
        </Text>
      ) : (
        // A draft saved while the play was enabled: the builder shows it, and saving publishes it.
        <Text size="sm" mb="xs">
          The play is disabled; version {play.publishedVersion} is the one in force. The builder
          shows the draft (version {play.draft.number}) saved while it was enabled: saving or
          publishing puts it in force.
        </Text>
      )}
      <Group gap="xs">
        <Button
          size="xs"
          loading={publish.isPending}
          onClick={() =>
            publish.mutate(play.version, {
              onSuccess: (p) =>
                notifications.show({
                  color: 'teal',
                  message: `Version ${p.publishedVersion} is now in force.`,
                }),
              onError: fail('The draft was not published'),
            })
          }
        >
          Publish
        </Button>
        <Button size="xs" variant="default" loading={discard.isPending} onClick={confirmDiscard}>
          Discard
        </Button>
        <Button size="xs" variant="subtle" onClick={onCompare}>
          See what changed
        </Button>
      </Group>
    </Alert>
  );
}
