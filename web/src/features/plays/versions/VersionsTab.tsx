// The play's versions: which is in force, the draft, who saved each and when; compare any with the
// version in force and restore an earlier one (as the draft of an enabled play, published on a disabled one).
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { errorMessage } from '@/lib/api-client';
import { formatTime } from '@/lib/dates';
import { useRestoreVersion, useVersions, type VersionedPlay } from './api';
import { VersionDiff } from './VersionDiff';

export function VersionsTab({ play, initial }: { play: VersionedPlay; initial?: number }) {
  const versions = useVersions(play.id);
  const restore = useRestoreVersion(play.id);
  const [picked, setPicked] = useState<number | null>(initial ?? null);
  if (versions.isPending) return <Loading label="Loading versions" />;
  if (versions.isError) return <ErrorState error={versions.error} />;
  if (versions.data.length === 0) return <EmptyState title="No versions yet" />;
  const inForce = versions.data.find((v) => v.inForce)?.number ?? play.publishedVersion ?? 1;
  const enabled = play.status === 'enabled';
  const confirmRestore = (number: number) =>
    modals.openConfirmModal({
      title: `Restore version ${number}?`,
      children: (
        <Text size="sm">
          {enabled
            ? 'It becomes the draft (replacing any draft there is). The play keeps running on the version in force until you publish it.'
            : 'It is published at once as a new version; the play is disabled, so nothing fires until you enable it.'}
        </Text>
      ),
      labels: { confirm: 'Restore', cancel: 'Cancel' },
      onConfirm: () =>
        restore.mutate(
          { number, version: play.version },
          {
            onSuccess: (p) =>
              notifications.show({
                color: 'teal',
                message: p.draft
                  ? `Version ${number} restored as the draft: publish it to put it in force.`
                  : `Version ${number} restored and published as version ${p.publishedVersion}.`,
              }),
            onError: (e) =>
              notifications.show({
                color: 'red',
                title: 'The version was not restored',
                message: errorMessage(e),
              }),
          },
        ),
    });
  const shown = [...versions.data].reverse();
  return (
    <Stack>
      {/* On a phone the table scrolls inside its box instead of the whole page sideways. */}
      <Table.ScrollContainer minWidth={560}>
        <Table highlightOnHover aria-label="Versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Saved</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Published</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((v) => (
              <Table.Tr key={v.number} bg={v.number === picked ? 'indigo.0' : undefined}>
                <Table.Td>
                  <Group gap="xs">
                    <Anchor component="button" type="button" onClick={() => setPicked(v.number)}>
                      Version {v.number}
                    </Anchor>
                    {v.inForce && <Badge color="teal">In force</Badge>}
                    {!v.publishedAt && <Badge color="yellow">Draft</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>{formatTime(v.createdAt)}</Table.Td>
                <Table.Td>{v.createdByName ?? '—'}</Table.Td>
                <Table.Td>{v.publishedAt ? formatTime(v.publishedAt) : 'Not yet'}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button size="xs" variant="default" onClick={() => setPicked(v.number)}>
                      Compare
                    </Button>
                    {v.publishedAt && !v.inForce && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={restore.isPending}
                        onClick={() => confirmRestore(v.number)}
                        aria-label={`Restore version ${v.number}`}
                      >
                        Restore
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {picked !== null && <VersionDiff play={play} number={picked} inForce={inForce} />}
    </Stack>
  );
}
