// Task templates and their outcomes; apply a template to chosen accounts.
import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { errorMessage } from '@/lib/api-client';
import { pickerToIso } from '@/lib/dates';
import { dueOffsetWords } from '@/lib/due-offset';
import { useAccountSearch, useFlows } from '@/features/lookups/api';
import { useApplyTemplate, useDeleteTemplate, useTemplates, type Template } from '../api';
import { TemplateEditor } from '../components/TemplateEditor';

function ApplyDialog({ template, onClose }: { template: Template; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [due, setDue] = useState<string | null>(null);
  const accounts = useAccountSearch(search);
  const apply = useApplyTemplate(template.id);
  const data = [
    ...(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name })),
    ...ids
      .filter((id) => !(accounts.data ?? []).some((a) => a.id === id))
      .map((id) => ({ value: id, label: labels[id] ?? id })),
  ];
  return (
    <Modal opened onClose={onClose} title={`Apply “${template.name}”`}>
      <Stack>
        <MultiSelect
          label="Accounts"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={data}
          value={ids}
          filter={({ options }) => options}
          onChange={(v) => {
            setIds(v);
            setLabels((l) => ({
              ...l,
              ...Object.fromEntries(data.map((d) => [d.value, d.label])),
            }));
          }}
        />
        <DateInput
          label="Due date"
          description={`Leave empty for ${dueOffsetWords(template.dueOffsetDays, template.dueOffsetUnit)} after assignment`}
          clearable
          valueFormat="MMM D, YYYY"
          value={due}
          onChange={setDue}
        />
        <Group justify="flex-end">
          <Button
            disabled={ids.length === 0}
            loading={apply.isPending}
            onClick={() =>
              apply.mutate(
                { accountIds: ids, dueDate: pickerToIso(due) ?? undefined },
                {
                  onSuccess: (r) => {
                    notifications.show({
                      color: 'teal',
                      message: `${r.created} task${r.created === 1 ? '' : 's'} created`,
                    });
                    onClose();
                  },
                  onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                },
              )
            }
          >
            Create {ids.length || ''} task{ids.length === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function TemplatesPage() {
  const templates = useTemplates();
  const flows = useFlows();
  const del = useDeleteTemplate();
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const [applying, setApplying] = useState<Template | null>(null);
  return (
    <>
      <PageHeader
        title="Templates & outcomes"
        subtitle="Reusable tasks with merge fields, outcomes that drive automation, and reminders"
        actions={<Button onClick={() => setEditing('new')}>New template</Button>}
      />
      {templates.isPending ? (
        <Loading label="Loading templates" />
      ) : templates.isError ? (
        <ErrorState error={templates.error} />
      ) : templates.data.length === 0 ? (
        <EmptyState title="No templates yet">
          A template is a task you hand out again and again, such as “Call again next week”.
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover aria-label="Templates">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Flow</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Outcomes</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => setEditing(t)} fw={500}>
                      {t.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>{flows.data?.find((f) => f.id === t.flowId)?.name ?? '—'}</Table.Td>
                  <Table.Td>{dueOffsetWords(t.dueOffsetDays, t.dueOffsetUnit)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {t.outcomes.map((o) => (
                        <Badge key={o.name} size="sm" variant="light">
                          {o.name}
                          {o.actions.length ? ` · ${o.actions.length}` : ''}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end">
                      <Button size="xs" variant="default" onClick={() => setApplying(t)}>
                        Apply…
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          modals.openConfirmModal({
                            title: `Delete “${t.name}”?`,
                            labels: { confirm: 'Delete', cancel: 'Keep it' },
                            confirmProps: { color: 'red' },
                            onConfirm: () =>
                              del.mutate(t.id, {
                                onError: (e) =>
                                  notifications.show({ color: 'red', message: errorMessage(e) }),
                              }),
                          })
                        }
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <TemplateEditor
          template={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {applying && <ApplyDialog template={applying} onClose={() => setApplying(null)} />}
    </>
  );
}
