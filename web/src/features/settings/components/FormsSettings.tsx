// Forms for request-information tasks: a name, an account type, and fields bound to account attributes.
import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormErrors } from '@/components/feedback';
import { client, errorMessage, ok, type RequestBody } from '@/lib/api-client';
import { routeErrors } from '@/lib/form-errors';
import { useAttributeDefs, useForms, type FormDef } from '@/features/lookups/api';
import { useWrite } from '../api';
import { DeleteRowButton, SettingsTable } from './SettingsTable';

type Field = { attributeKey: string; label: string; required: boolean };

function FormEditor({ form, onClose }: { form: FormDef | null; onClose: () => void }) {
  const defs = useAttributeDefs('account');
  const save = useWrite(
    (body: RequestBody<'/api/v1/forms', 'post'>) =>
      ok(
        form
          ? client.PATCH('/api/v1/forms/{id}', { params: { path: { id: form.id } }, body })
          : client.POST('/api/v1/forms', { body }),
      ),
    ['forms'],
  );
  const [name, setName] = useState(form?.name ?? '');
  const [accountType, setAccountType] = useState(form?.accountType ?? 'customer');
  const [fields, setFields] = useState<Field[]>(
    form?.fields.map((f) => ({
      attributeKey: f.attributeKey,
      label: f.label,
      required: f.required,
    })) ?? [{ attributeKey: '', label: '', required: true }],
  );
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [rest, setRest] = useState<string[]>([]);
  const submit = () =>
    save.mutate(
      {
        name: name.trim(),
        accountType: accountType.trim(),
        fields: fields.map((f) => ({ ...f, label: f.label.trim() || undefined })),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: 'Form saved' });
          onClose();
        },
        onError: (e) => {
          // What was typed stays; each error goes on its input, the rest into the alert.
          const { byField, rest: other } = routeErrors(e, {
            fields: [
              'name',
              'accountType',
              ...fields.flatMap((_, i) => [
                `fields.${i}.attributeKey`,
                `fields.${i}.label`,
                `fields.${i}.required`,
              ]),
            ],
            exact: ['fields', ...fields.map((_, i) => `fields.${i}`)],
          });
          setErrs(byField);
          setRest(other);
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={form ? `Edit ${form.name}` : 'New form'} size="lg">
      <Stack gap="sm">
        <Group grow>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errs.name}
          />
          <TextInput
            label="Account type"
            required
            value={accountType}
            onChange={(e) => setAccountType(e.currentTarget.value)}
            error={errs.accountType}
          />
        </Group>
        <Text size="sm" fw={500}>
          Fields
        </Text>
        {errs.fields && (
          <Text size="sm" c="red.8">
            {errs.fields}
          </Text>
        )}
        {fields.map((f, i) => (
          <Group key={i} gap="xs" align="flex-start" role="group" aria-label={`Field ${i + 1}`}>
            {errs[`fields.${i}`] && (
              <Text size="sm" c="red.8" w="100%">
                {errs[`fields.${i}`]}
              </Text>
            )}
            <Select
              aria-label="Attribute"
              w={200}
              data={(defs.data ?? []).map((d) => ({ value: d.key, label: d.label }))}
              value={f.attributeKey || null}
              onChange={(k) =>
                setFields(fields.map((x, j) => (j === i ? { ...x, attributeKey: k ?? '' } : x)))
              }
              error={errs[`fields.${i}.attributeKey`]}
            />
            <TextInput
              aria-label="Question"
              placeholder="Question (defaults to the attribute label)"
              style={{ flex: 1 }}
              value={f.label}
              error={errs[`fields.${i}.label`]}
              onChange={(e) => {
                const label = e.currentTarget.value;
                setFields(fields.map((x, j) => (j === i ? { ...x, label } : x)));
              }}
            />
            <Checkbox
              label="Required"
              mt={8}
              error={errs[`fields.${i}.required`]}
              checked={f.required}
              onChange={(e) => {
                const required = e.currentTarget.checked;
                setFields(fields.map((x, j) => (j === i ? { ...x, required } : x)));
              }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={4}
              aria-label={`Remove field ${i + 1}`}
              onClick={() => setFields(fields.filter((_, j) => j !== i))}
            >
              ✕
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setFields([...fields, { attributeKey: '', label: '', required: false }])}
          >
            Add field
          </Button>
        </Group>
        <FormErrors title="The form was not saved" messages={rest} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            Save form
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function FormsSettings() {
  const forms = useForms();
  const del = useWrite(
    (id: string) => ok(client.DELETE('/api/v1/forms/{id}', { params: { path: { id } } })),
    ['forms'],
  );
  const [editing, setEditing] = useState<FormDef | 'new' | null>(null);
  return (
    <>
      <Group mb="md">
        <Button onClick={() => setEditing('new')}>New form</Button>
      </Group>
      <SettingsTable
        query={forms}
        label="Forms"
        empty="No forms yet"
        columns={['Form', 'Account type', 'Fields', 'Actions']}
        row={(f) => (
          <>
            <Table.Td>{f.name}</Table.Td>
            <Table.Td>{f.accountType}</Table.Td>
            <Table.Td>{f.fields.map((x) => x.label).join(', ')}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Button size="xs" variant="subtle" onClick={() => setEditing(f)}>
                  Edit
                </Button>
                <DeleteRowButton
                  what="form"
                  name={f.name}
                  consequence="Request-information tasks can no longer use it."
                  onConfirm={() =>
                    del.mutate(f.id, {
                      onError: (e) =>
                        notifications.show({ color: 'red', message: errorMessage(e) }),
                    })
                  }
                />
              </Group>
            </Table.Td>
          </>
        )}
      />
      {editing && (
        <FormEditor form={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
