// Attribute definitions: custom fields on accounts and contacts (plays cannot write CRM-synced ones).
import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { FormErrors } from '@/components/feedback';
import { client, errorMessage, ok, type RequestBody } from '@/lib/api-client';
import { fieldErrors } from '@/lib/form-errors';
import { attributeTypeLabels } from '@/lib/labels';
import { useAttributeDefs, type AttributeType } from '@/features/lookups/api';
import { useWrite } from '../api';
import { DeleteRowButton, SettingsTable } from './SettingsTable';

export function AttributesSettings() {
  const [entity, setEntity] = useState<'account' | 'contact'>('account');
  const defs = useAttributeDefs(entity);
  const create = useWrite(
    (body: RequestBody<'/api/v1/attribute-definitions', 'post'>) =>
      ok(client.POST('/api/v1/attribute-definitions', { body })),
    ['attributes'],
  );
  const del = useWrite(
    (id: string) =>
      ok(client.DELETE('/api/v1/attribute-definitions/{id}', { params: { path: { id } } })),
    ['attributes'],
  );
  const [rest, setRest] = useState<string[]>([]);
  const form = useForm({
    initialValues: {
      key: '',
      label: '',
      type: 'text' as AttributeType,
      enumValues: [] as string[],
      crmSynced: false,
    },
  });
  const submit = form.onSubmit(async (v) => {
    setRest([]);
    try {
      await create.mutateAsync({
        entity,
        key: v.key,
        label: v.label,
        type: v.type,
        crmSynced: v.crmSynced,
        ...(v.type === 'enum' ? { enumValues: v.enumValues } : {}),
      });
      form.reset();
    } catch (err) {
      const { byField, rest: other } = fieldErrors(err, [
        'key',
        'label',
        'type',
        'enumValues',
        'crmSynced',
      ]);
      form.setErrors(byField);
      setRest(other);
    }
  });
  return (
    <Stack>
      <Select
        label="Attributes of"
        w={200}
        allowDeselect={false}
        value={entity}
        onChange={(v) => setEntity(v as 'account')}
        data={[
          { value: 'account', label: 'Accounts' },
          { value: 'contact', label: 'Contacts' },
        ]}
      />
      <form onSubmit={submit} noValidate aria-label="New attribute">
        <FormErrors messages={rest} />
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label="Key"
            placeholder="renewal_date"
            required
            {...form.getInputProps('key')}
            w={180}
          />
          <TextInput label="Label" required {...form.getInputProps('label')} w={200} />
          <Select
            label="Type"
            allowDeselect={false}
            data={Object.entries(attributeTypeLabels).map(([value, label]) => ({ value, label }))}
            {...form.getInputProps('type')}
            w={120}
          />
          {form.getValues().type === 'enum' && (
            <TagsInput label="Values" {...form.getInputProps('enumValues')} w={240} />
          )}
          <Checkbox
            label="Synced from CRM"
            mt={32}
            {...form.getInputProps('crmSynced', { type: 'checkbox' })}
          />
          <Button type="submit" mt={25} loading={create.isPending}>
            Add attribute
          </Button>
        </Group>
      </form>
      <SettingsTable
        query={defs}
        label="Attribute definitions"
        empty="No attributes yet"
        columns={['Label', 'Key', 'Type', 'CRM', 'Actions']}
        row={(d) => (
          <>
            <Table.Td>{d.label}</Table.Td>
            <Table.Td>
              <code>{d.key}</code>
            </Table.Td>
            <Table.Td>
              {attributeTypeLabels[d.type]}
              {d.enumValues ? ` (${d.enumValues.join(', ')})` : ''}
            </Table.Td>
            <Table.Td>
              {d.crmSynced && (
                <Badge size="sm" variant="light">
                  synced
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <DeleteRowButton
                what="attribute"
                name={d.label}
                consequence={`Its values are removed from every ${d.entity}.`}
                onConfirm={() =>
                  del.mutate(d.id, {
                    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                  })
                }
              />
            </Table.Td>
          </>
        )}
      />
    </Stack>
  );
}
