// The account's contacts, a small form to add one, and "apply a template" to the selected contacts.
import { useState } from 'react';
import {
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { TagBadges } from '@/components/TagBadges';
import { notifications } from '@mantine/notifications';
import { useForm } from '@mantine/form';
import { EmptyState, ErrorState, FormErrors, Loading } from '@/components/feedback';
import { fieldErrors } from '@/lib/form-errors';
import { errorMessage } from '@/lib/api-client';
import { useApplyTemplate, useTemplates } from '@/features/templates/api';
import { contactName } from '@/features/lookups/api';
import { useContacts, useCreateContact } from '../api';

function AddContact({ accountId, onDone }: { accountId: string; onDone: () => void }) {
  const create = useCreateContact(accountId);
  const [rest, setRest] = useState<string[]>([]);
  const form = useForm({
    initialValues: { firstName: '', lastName: '', email: '', phone: '' },
    validate: { firstName: (v) => (v.trim() ? null : 'Enter a first name') },
  });
  const submit = form.onSubmit(async (v) => {
    setRest([]);
    try {
      await create.mutateAsync({
        firstName: v.firstName.trim(),
        lastName: v.lastName.trim() || undefined,
        email: v.email.trim() || undefined,
        phone: v.phone.trim() || undefined,
      });
      onDone();
    } catch (err) {
      const { byField, rest: other } = fieldErrors(err, [
        'firstName',
        'lastName',
        'email',
        'phone',
      ]);
      form.setErrors(byField);
      setRest(other);
    }
  });
  return (
    <Paper withBorder p="sm">
      <form onSubmit={submit} noValidate aria-label="Add contact">
        <Stack gap="xs">
          <Title order={3} size="h6">
            New contact
          </Title>
          <FormErrors messages={rest} />
          <Group grow align="flex-start">
            <TextInput label="First name" required {...form.getInputProps('firstName')} />
            <TextInput label="Last name" {...form.getInputProps('lastName')} />
            <TextInput label="E-mail" type="email" {...form.getInputProps('email')} />
            <TextInput label="Phone" {...form.getInputProps('phone')} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add contact
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** ONTRAPORT's main path (SPEC §3): one task per selected contact, on this account, with the contact associated. */
function ApplyTemplateToContacts({
  contactIds,
  onDone,
}: {
  contactIds: string[];
  onDone: () => void;
}) {
  const templates = useTemplates();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const apply = useApplyTemplate(templateId ?? '');
  const run = () =>
    apply.mutate(
      { contactIds },
      {
        onSuccess: (r) => {
          notifications.show({
            color: 'teal',
            message: `${r.created} task${r.created === 1 ? '' : 's'} created`,
          });
          onDone();
        },
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
      },
    );
  return (
    <Group align="flex-end">
      <Select
        label="Template"
        placeholder="Choose a template"
        searchable
        w={280}
        value={templateId}
        onChange={setTemplateId}
        data={(templates.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
      />
      <Button
        disabled={!templateId || contactIds.length === 0}
        loading={apply.isPending}
        onClick={run}
      >
        Apply template to {contactIds.length} contact{contactIds.length === 1 ? '' : 's'}
      </Button>
    </Group>
  );
}

export function ContactsTab({ accountId }: { accountId: string }) {
  const contacts = useContacts(accountId);
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  const all = contacts.data ?? [];
  return (
    <Stack>
      {adding ? (
        <AddContact accountId={accountId} onDone={() => setAdding(false)} />
      ) : (
        <Group>
          <Button variant="default" onClick={() => setAdding(true)}>
            Add contact
          </Button>
        </Group>
      )}
      {selected.length > 0 && (
        <ApplyTemplateToContacts contactIds={selected} onDone={() => setSelected([])} />
      )}
      {contacts.isPending ? (
        <Loading label="Loading contacts" />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} />
      ) : contacts.data.length === 0 ? (
        <EmptyState title="No contacts">People at this account appear here.</EmptyState>
      ) : (
        // On a phone the table scrolls inside its box instead of the whole page sideways.
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Contacts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Checkbox
                    aria-label="Select all contacts"
                    checked={selected.length === all.length && all.length > 0}
                    indeterminate={selected.length > 0 && selected.length < all.length}
                    onChange={(e) =>
                      setSelected(e.currentTarget.checked ? all.map((c) => c.id) : [])
                    }
                  />
                </Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>E-mail</Table.Th>
                <Table.Th>Phone</Table.Th>
                <Table.Th>Tags</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${contactName(c)}`}
                      checked={selected.includes(c.id)}
                      onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>{contactName(c)}</Table.Td>
                  <Table.Td>{c.email ?? '—'}</Table.Td>
                  <Table.Td>{c.phone ?? '—'}</Table.Td>
                  <Table.Td>
                    <TagBadges tags={c.tags} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
