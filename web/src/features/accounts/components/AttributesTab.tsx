// Account attributes: every definition with its value; edit them together, errors shown per attribute.
import { useState } from 'react';
import { Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { EmptyState, FormErrors } from '@/components/feedback';
import { fieldErrors } from '@/lib/form-errors';
import { useAttributeDefs, useUsers } from '@/features/lookups/api';
import { AttributeInput, attributeText } from '@/features/lookups/AttributeInput';
import { useUpdateAccount, type AccountDetail } from '../api';

export function AttributesTab({ account }: { account: AccountDetail }) {
  const defs = useAttributeDefs('account');
  const users = useUsers();
  const update = useUpdateAccount(account.id);
  const [draft, setDraft] = useState<Record<string, unknown> | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [rest, setRest] = useState<string[]>([]);
  const list = (defs.data ?? []).filter((d) => d.entity === 'account');
  const userName = (id: string) => users.data?.find((u) => u.id === id)?.name;
  const extraKeys = Object.keys(account.attributes).filter((k) => !list.some((d) => d.key === k));

  const save = async () => {
    if (!draft) return;
    const changed = Object.fromEntries(
      Object.entries(draft).filter(
        ([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(account.attributes[k] ?? null),
      ),
    );
    if (Object.keys(changed).length === 0) {
      setDraft(null);
      return;
    }
    setErrs({});
    setRest([]);
    try {
      await update.mutateAsync({ version: account.version, attributes: changed });
      notifications.show({ color: 'teal', message: 'Attributes saved' });
      setDraft(null);
    } catch (err) {
      // Paths come back as body.attributes.<key> or attributes.<key>.
      const { byField, rest: other } = fieldErrors(
        err,
        list.map((d) => `attributes.${d.key}`),
      );
      setErrs(
        Object.fromEntries(
          Object.entries(byField).map(([k, v]) => [k.replace(/^attributes\./, ''), v]),
        ),
      );
      setRest(other);
    }
  };

  if (list.length === 0 && extraKeys.length === 0) {
    return (
      <EmptyState title="No attributes">
        An administrator defines account attributes in Settings → Attributes.
      </EmptyState>
    );
  }
  if (draft) {
    return (
      <Stack>
        <FormErrors messages={rest} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {list.map((d) => (
            <AttributeInput
              key={d.key}
              def={d}
              value={draft[d.key]}
              error={errs[d.key]}
              label={`${d.label}${d.crmSynced ? ' (CRM)' : ''}`}
              onChange={(v) => setDraft((x) => ({ ...x, [d.key]: v }))}
            />
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              setDraft(null);
              setErrs({});
              setRest([]);
            }}
          >
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={update.isPending}>
            Save attributes
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack>
      <Table aria-label="Attributes" maw={720}>
        <Table.Tbody>
          {list.map((d) => (
            <Table.Tr key={d.key}>
              <Table.Th w={240} scope="row">
                {d.label}
              </Table.Th>
              <Table.Td>{attributeText(d, account.attributes[d.key], userName)}</Table.Td>
            </Table.Tr>
          ))}
          {extraKeys.map((k) => (
            <Table.Tr key={k}>
              <Table.Th scope="row">
                {k}{' '}
                <Text span size="xs" c="dimmed">
                  (undefined)
                </Text>
              </Table.Th>
              <Table.Td>{attributeText(undefined, account.attributes[k])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="default" onClick={() => setDraft({ ...account.attributes })}>
          Edit attributes
        </Button>
      </Group>
    </Stack>
  );
}
