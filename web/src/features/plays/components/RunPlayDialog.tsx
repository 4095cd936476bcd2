// "Run now": a manual play for a segment or chosen accounts; a recurring play as scheduled (or for a segment or accounts).
import { useMemo, useState } from 'react';
import { Button, Group, Modal, MultiSelect, Radio, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '@/lib/api-client';
import { useAccountSearch } from '@/features/lookups/api';
import { useSegments } from '@/features/segments/api';
import { useRunPlay } from '../api';
import type { Play } from '../types';

type Scope = 'scheduled' | 'segment' | 'accounts';

/** `account` fixes the target (run from an account page); otherwise the user picks a segment or accounts. */
export function RunPlayDialog({
  play,
  account,
  opened,
  onClose,
}: {
  play: Play;
  account?: { id: string; name: string };
  opened: boolean;
  onClose: () => void;
}) {
  const run = useRunPlay(play.id);
  const recurring = play.trigger.type === 'recurring';
  const [scope, setScope] = useState<Scope>(recurring ? 'scheduled' : 'accounts');
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [accountIds, setAccountIds] = useState<string[]>([]);
  const body = account
    ? { accountIds: [account.id] }
    : scope === 'segment'
      ? segmentId
        ? { segmentId }
        : null
      : scope === 'accounts'
        ? accountIds.length
          ? { accountIds }
          : null
        : {};
  const submit = () =>
    body &&
    run.mutate(body, {
      onSuccess: (r) => {
        onClose();
        notifications.show({
          color: 'teal',
          title: `${play.name} ran`,
          message: `${r.counts.created} task${r.counts.created === 1 ? '' : 's'} created, ${r.counts.skipped} skipped, ${r.counts.errors} errors`,
        });
      },
      onError: (e) =>
        notifications.show({
          color: 'red',
          title: 'The play could not run',
          message: errorMessage(e),
        }),
    });
  return (
    <Modal opened={opened} onClose={onClose} title={`Run “${play.name}”`}>
      <Stack>
        {account ? (
          <Text size="sm">
            Run the play now for {account.name}. It acts only if the account meets the play’s
            criteria and has no open task from it.
          </Text>
        ) : (
          <>
            <Radio.Group label="For" value={scope} onChange={(v) => setScope(v as Scope)}>
              <Stack mt="xs" gap="xs">
                {recurring && (
                  <Radio
                    value="scheduled"
                    label="Every record that meets the criteria now, as the schedule would"
                  />
                )}
                <Radio value="accounts" label="Chosen accounts" />
                <Radio value="segment" label="The records of a segment" />
              </Stack>
            </Radio.Group>
            {scope === 'segment' && (
              <SegmentSelect subject={play.subject} value={segmentId} onChange={setSegmentId} />
            )}
            {scope === 'accounts' && (
              <AccountsMultiPicker value={accountIds} onChange={setAccountIds} />
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!body} loading={run.isPending} onClick={submit}>
            Run
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SegmentSelect({
  subject,
  value,
  onChange,
}: {
  subject: Play['subject'];
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const segments = useSegments(subject);
  return (
    <Select
      label="Segment"
      searchable
      data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
      value={value}
      onChange={onChange}
    />
  );
}

/** Searches accounts as you type; names of accounts already chosen stay shown when the search changes. */
function AccountsMultiPicker({
  value,
  onChange,
}: {
  value: string[];
  onChange: (v: string[]) => void;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const results = useAccountSearch(q);
  const [names, setNames] = useState<Record<string, string>>({});
  const data = useMemo(() => {
    const found = (results.data ?? []).map((a) => ({ value: a.id, label: a.name }));
    const chosen = value
      .filter((id) => !found.some((f) => f.value === id))
      .map((id) => ({ value: id, label: names[id] ?? id }));
    return [...chosen, ...found];
  }, [results.data, value, names]);
  return (
    <MultiSelect
      label="Accounts"
      placeholder="Search accounts"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No account matches'}
      data={data}
      value={value}
      onChange={(ids) => {
        setNames((n) => ({
          ...n,
          ...Object.fromEntries(
            data.filter((d) => ids.includes(d.value)).map((d) => [d.value, d.label]),
          ),
        }));
        onChange(ids);
      }}
    />
  );
}
