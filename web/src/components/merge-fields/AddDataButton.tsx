// "Add data": the merge fields a text may use at its destination, by label (GET /merge-fields);
// picking one hands `{{field}}` to the field, which inserts it at the cursor.
import { Fragment, useState } from 'react';
import { Button, Menu, ScrollArea, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { client, errorMessage, ok } from '@/lib/api-client';
import type { operations } from '@/lib/api-schema';

type MergeQuery = operations['getMergeFields']['parameters']['query'];
export type MergeDestination = MergeQuery['destination'];
/** The play's records: contact fields are offered only when they are contacts (absent: both). */
export type MergeSubject = MergeQuery['subject'];
type Field = { field: string; label: string; group: string };

const groupLabels: Record<string, string> = {
  account: 'Account',
  contact: 'Contact',
  assignee: 'Assignee',
  play: 'Play',
  task: 'Task',
  workspace: 'Workspace',
  child: 'Child account (hierarchy plays)',
};

export function AddDataButton({
  destination,
  subject,
  fieldLabel,
  onPick,
}: {
  destination: MergeDestination;
  subject?: MergeSubject;
  /** The field's label, so the button is named "Add data to <label>". */
  fieldLabel: string;
  onPick: (text: string) => void;
}) {
  const [opened, setOpened] = useState(false);
  const fields = useQuery({
    queryKey: ['merge-fields', destination, subject],
    enabled: opened,
    staleTime: 60_000,
    queryFn: () =>
      ok<{ data: Field[] }>(
        client.GET('/api/v1/merge-fields', { params: { query: { destination, subject } } }),
      ).then((r) => r.data),
  });
  const groups = [...new Set((fields.data ?? []).map((f) => f.group))];
  return (
    <Menu opened={opened} onChange={setOpened} position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-xs" aria-label={`Add data to ${fieldLabel}`}>
          Add data
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <ScrollArea.Autosize mah={320} type="auto">
          {fields.isPending ? (
            <Text size="sm" p="xs" role="status">
              Loading fields…
            </Text>
          ) : fields.isError ? (
            <Text size="sm" p="xs" c="red">
              {errorMessage(fields.error)}
            </Text>
          ) : (
            groups.map((g) => (
              <Fragment key={g}>
                <Menu.Label>{groupLabels[g] ?? g}</Menu.Label>
                {fields.data
                  .filter((f) => f.group === g)
                  .map((f) => (
                    <Menu.Item key={f.field} onClick={() => onPick(`{{${f.field}}}`)}>
                      {f.label}
                    </Menu.Item>
                  ))}
              </Fragment>
            ))
          )}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
