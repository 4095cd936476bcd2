// The account's contacts, and a small form to add one.
import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { EmptyState, ErrorState, FormErrors, Loading } from '@/components/feedback';
import { fieldErrors } from '@/lib/form-errors';
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
      await create.mutateAsync({ firstName: v.firstName.trim(), lastName: v.lastName.trim() || undefined, email: v.email.trim() || undefined, phone: v.phone.trim() || undefined });
      onDone();
    } catch (err) {
      const { byField, rest: other } = fieldErrors(err, ['firstName', 'lastName', 'email', 'phone']);
      form.setErrors(byField);
      setRest(other);
    }
  });
  return (
    <Paper withBorder p="sm">
      <form onSubmit={submit} noValidate aria-label="Add contact">
        <Stack gap="xs">
          <Title order={3} size="h6">New contact</Title>
          <FormErrors messages={rest} />
          <Group grow align="flex-start">
            <TextInput label="First name" required {...form.getInputProps('firstName')} />
            <TextInput label="Last name" {...form.getInputProps('lastName')} />
            <TextInput label="E-mail" type="email" {...form.getInputProps('email')} />
            <TextInput label="Phone" {...form.getInputProps('phone')} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>Cancel</Button>
            <Button type="submit" loading={create.isPending}>Add contact</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function ContactsTab({ accountId }: { accountId: string }) {
  const contacts = useContacts(accountId);
  const [adding, setAdding] = useState(false);
  return (
    <Stack>
      {adding ? <AddContact accountId={accountId} onDone={() => setAdding(false)} /> : <Group><Button variant="default" onClick={() => setAdding(true)}>Add contact</Button></Group>}
      {contacts.isPending ? <Loading label="Loading contacts" /> : contacts.isError ? <ErrorState error={contacts.error} /> :
        contacts.data.length === 0 ? <EmptyState title="No contacts">People at this account appear here.</EmptyState> : (
          <Table aria-label="Contacts">
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>E-mail</Table.Th><Table.Th>Phone</Table.Th><Table.Th>Tags</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {contacts.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{contactName(c)}</Table.Td><Table.Td>{c.email ?? '—'}</Table.Td><Table.Td>{c.phone ?? '—'}</Table.Td>
                  <Table.Td><Group gap={4}>{c.tags.map((t) => <Badge key={t} size="xs" variant="light">{t}</Badge>)}</Group></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
    </Stack>
  );
}
