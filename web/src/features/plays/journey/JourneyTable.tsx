// Journeys as rows (a play's or an account's): who, which play, where each is, since when; a row opens
// its journey in the drawer.
import { Anchor, Badge, Table, Text } from '@mantine/core';
import { journeyEndReasonLabels, journeyStatusLabels } from '@/lib/labels';
import type { Journey } from './api';
import { useStepWords } from './step-names';
import { whenWords } from './words';

function WhereCell({ j }: { j: Journey }) {
  const words = useStepWords(j.playId, j.playVersion);
  if (j.status === 'ended')
    return <>{j.endReason ? journeyEndReasonLabels[j.endReason] : journeyStatusLabels.ended}</>;
  return <>{words(j.stepId)}</>;
}

export function JourneyTable({
  rows,
  showPlay,
  onOpen,
}: {
  rows: Journey[];
  showPlay: boolean;
  onOpen: (id: string) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing={6} data-testid="journey-rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Record</Table.Th>
            {showPlay && <Table.Th>Play</Table.Th>}
            <Table.Th>Status</Table.Th>
            <Table.Th>Where it is</Table.Th>
            <Table.Th>Entered</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((j) => (
            <Table.Tr key={j.id} data-testid="journey-row">
              <Table.Td>
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(j.id)}>
                  {j.recordName ?? j.accountName ?? 'Record'}
                </Anchor>
              </Table.Td>
              {showPlay && <Table.Td>{j.playName}</Table.Td>}
              <Table.Td>
                <Badge variant="light" color={j.status === 'running' ? 'blue' : 'gray'}>
                  {j.holdout ? 'Held out' : journeyStatusLabels[j.status]}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <WhereCell j={j} />
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{whenWords(j.enteredAt)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
