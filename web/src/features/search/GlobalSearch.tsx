// Search in the header (Ctrl/⌘+K): accounts, contacts and tasks grouped by kind, arrow keys and
// Enter to open one. On a phone the header shows an icon that opens a full-screen search.
import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Combobox,
  Kbd,
  Loader,
  Modal,
  Text,
  TextInput,
  Tooltip,
  useCombobox,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys, useMediaQuery } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { formatDay } from '@/lib/dates';
import { useGlobalSearch, type SearchResult } from './api';

type Hit = { value: string; to: string; title: string; detail: string };

function hitsOf(r: SearchResult | undefined): Array<{ kind: string; hits: Hit[] }> {
  if (!r) return [];
  return [
    {
      kind: 'Accounts',
      hits: r.accounts.map((a) => ({
        value: `account:${a.id}`,
        to: `/accounts/${a.id}`,
        title: a.name,
        detail: a.externalId,
      })),
    },
    {
      kind: 'Contacts',
      hits: r.contacts.map((c) => ({
        value: `contact:${c.id}`,
        to: `/accounts/${c.account.id}?tab=contacts`,
        title: c.name,
        detail: [c.email, c.account.name].filter(Boolean).join(' · '),
      })),
    },
    {
      kind: 'Tasks',
      hits: r.tasks.map((t) => ({
        value: `task:${t.id}`,
        to: `/portfolio?task=${t.id}`,
        title: t.title,
        detail: `${t.account.name} · ${t.status === 'completed' ? 'Completed' : `Due ${formatDay(t.dueDate)}`}`,
      })),
    },
  ].filter((g) => g.hits.length > 0);
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function GlobalSearch() {
  const [opened, setOpened] = useState(false);
  const phone = useMediaQuery('(max-width: 36em)', false);
  useHotkeys([['mod+K', () => setOpened(true)]], []);
  return (
    <>
      {phone ? (
        <Tooltip label="Search">
          <ActionIcon
            size="lg"
            variant="default"
            radius="xl"
            aria-label="Search"
            onClick={() => setOpened(true)}
          >
            <SearchIcon />
          </ActionIcon>
        </Tooltip>
      ) : (
        <Button
          variant="default"
          leftSection={<SearchIcon />}
          rightSection={<Kbd size="xs">{isMac ? '⌘ K' : 'Ctrl K'}</Kbd>}
          onClick={() => setOpened(true)}
          w={220}
        >
          <Text span size="sm" c="dimmed">
            Search…
          </Text>
        </Button>
      )}
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Search"
        fullScreen={phone}
        size="lg"
        yOffset="10vh"
      >
        {opened && <SearchBox onDone={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function SearchBox({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q.trim(), 200);
  const search = useGlobalSearch(dq);
  const groups = hitsOf(dq ? search.data : undefined);
  const combobox = useCombobox();
  const open = (value: string) => {
    const hit = groups.flatMap((g) => g.hits).find((h) => h.value === value);
    if (!hit) return;
    onDone();
    void navigate(hit.to);
  };
  return (
    <Combobox store={combobox} onOptionSubmit={open} withinPortal={false}>
      <Combobox.Target>
        <TextInput
          data-autofocus
          label="Accounts, contacts and tasks"
          placeholder="Name, e-mail or task title"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            combobox.openDropdown();
            combobox.resetSelectedOption();
          }}
          onFocus={() => combobox.openDropdown()}
          rightSection={search.isFetching ? <Loader size="xs" /> : null}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!dq}>
        <Combobox.Options mah="60vh" style={{ overflowY: 'auto' }} aria-label="Search results">
          {dq && !search.isPending && groups.length === 0 && (
            <Combobox.Empty>Nothing you can see matches “{dq}”.</Combobox.Empty>
          )}
          {groups.map((g) => (
            <Combobox.Group key={g.kind} label={g.kind}>
              {g.hits.map((h) => (
                <Combobox.Option key={h.value} value={h.value}>
                  <Text size="sm" fw={500}>
                    {h.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {h.detail}
                  </Text>
                </Combobox.Option>
              ))}
            </Combobox.Group>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

function SearchIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </svg>
  );
}
