// The dry run's per-record results: one group per record, its actions in the play's order, and for
// task actions the task it would create (rendered title, assignee, due date, why it fell back).
import { Table, Text } from '@mantine/core';
import { formatDay } from '@/lib/dates';
import { fallbackReasonLabel } from '@/lib/labels';
import { actionName, resultText } from '../action-names';
import type { Action, DryRunRow } from '../types';

/** Rows of one record stay together, in the order the server sent the records. */
function byRecord(rows: DryRunRow[]) {
  const groups = new Map<string, DryRunRow[]>();
  for (const r of rows) groups.set(r.recordId, [...(groups.get(r.recordId) ?? []), r]);
  return [...groups.values()];
}

export function DryRunResults({ actions, rows }: { actions: Action[]; rows: DryRunRow[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label="Dry run results" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Action</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Task title</Table.Th>
            <Table.Th>Assignee</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Fallback reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {byRecord(rows).map((group) => {
          const first = group[0]!;
          return (
            <Table.Tbody key={first.recordId}>
              <Table.Tr bg="var(--mantine-color-default-hover)">
                <Table.Th scope="rowgroup" colSpan={6}>
                  {first.recordName ?? first.recordId}
                  {first.accountName && first.accountName !== first.recordName
                    ? ` (${first.accountName})`
                    : ''}
                </Table.Th>
              </Table.Tr>
              {group.map((r) => (
                <Table.Tr key={r.actionId}>
                  <Table.Td>{actionName(actions, r.actionId)}</Table.Td>
                  <Table.Td>{resultText(r.result, r.detail)}</Table.Td>
                  <Table.Td>{r.task?.title ?? '—'}</Table.Td>
                  <Table.Td>{r.task ? (r.task.assigneeName ?? 'Nobody') : '—'}</Table.Td>
                  <Table.Td>{r.task?.dueDate ? formatDay(r.task.dueDate) : '—'}</Table.Td>
                  <Table.Td>
                    {r.task?.fallbackReason ? (
                      <Text size="sm" fw={500}>
                        {fallbackReasonLabel(r.task.fallbackReason)}
                      </Text>
                    ) : r.task ? (
                      'No fallback'
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          );
        })}
      </Table>
    </Table.ScrollContainer>
  );
}
