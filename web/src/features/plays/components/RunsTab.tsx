// Every firing of the play with its counts; pick one to see its per-record results.
import { useState } from 'react';
import { Anchor, Badge, Table, Text, Title } from '@mantine/core';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { formatTime } from '@/lib/dates';
import { runKindLabel } from '@/lib/labels';
import { useTaskPanel } from '@/features/tasks/use-task-panel';
import { actionName, hiddenNote, resultText } from '../action-names';
import { useRunResults, useRuns } from '../api';
import type { Action } from '../types';

export function RunsTab({ playId, actions }: { playId: string; actions: Action[] }) {
  const runs = useRuns(playId);
  const [runId, setRunId] = useState<string | null>(null);
  const results = useRunResults(playId, runId);
  const { openTask } = useTaskPanel();
  if (runs.isPending) return <Loading label="Loading runs" />;
  if (runs.isError) return <ErrorState error={runs.error} />;
  if (runs.data.length === 0)
    return <EmptyState title="No runs yet">Runs appear when the play fires.</EmptyState>;
  return (
    <>
      {/* On a phone the table scrolls inside its box instead of the whole page sideways. */}
      <Table.ScrollContainer minWidth={640}>
        <Table highlightOnHover aria-label="Runs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Started</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Targets</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Would create</Table.Th>
              <Table.Th>Skipped</Table.Th>
              <Table.Th>Errors</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.map((r) => (
              <Table.Tr key={r.id} bg={r.id === runId ? 'indigo.0' : undefined}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => setRunId(r.id)}>
                    {formatTime(r.startedAt)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none">
                    {runKindLabel(r.kind)}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.counts.targets}</Table.Td>
                <Table.Td>{r.counts.created}</Table.Td>
                <Table.Td>{r.kind === 'dry_run' ? r.counts.wouldCreate : '—'}</Table.Td>
                <Table.Td>{r.counts.skipped}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={r.counts.errors ? 'red.8' : undefined}>
                    {r.counts.errors}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {runId && (
        <>
          <Title order={2} size="h5" mt="lg" mb="xs">
            Results of this run
          </Title>
          {results.data && hiddenNote(results.data.hiddenRecords) && (
            <Text size="sm" c="dimmed" mb="xs">
              {hiddenNote(results.data.hiddenRecords)}
            </Text>
          )}
          {results.isPending ? (
            <Loading />
          ) : results.isError ? (
            <ErrorState error={results.error} />
          ) : results.data.data.length === 0 ? (
            <EmptyState title="No per-record results" />
          ) : (
            <Table aria-label="Run results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Record</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Result</Table.Th>
                  <Table.Th>Task</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.data.data.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.recordName ?? r.recordId}</Table.Td>
                    <Table.Td>{actionName(actions, r.actionId)}</Table.Td>
                    <Table.Td>{resultText(r.result, r.detail)}</Table.Td>
                    <Table.Td>
                      {r.taskId ? (
                        <Anchor
                          component="button"
                          type="button"
                          onClick={() => openTask(r.taskId!)}
                        >
                          Open task
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </>
  );
}
