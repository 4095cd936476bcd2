// The account page's "Run a play…" menu: the enabled manual plays, each run for this account only.
import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { usePlays } from '../api';
import type { Play } from '../types';
import { RunPlayDialog } from './RunPlayDialog';

export function RunPlayMenu({ account }: { account: { id: string; name: string } }) {
  const plays = usePlays();
  const [chosen, setChosen] = useState<Play | null>(null);
  const manual = (plays.data ?? []).filter(
    (p) => p.status === 'enabled' && p.trigger.type === 'manual',
  );
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default">Run a play…</Button>
        </Menu.Target>
        <Menu.Dropdown>
          {plays.isPending ? (
            <Menu.Label>Loading plays…</Menu.Label>
          ) : manual.length === 0 ? (
            <Menu.Label>No enabled manual play</Menu.Label>
          ) : (
            manual.map((p) => (
              <Menu.Item key={p.id} onClick={() => setChosen(p)}>
                {p.name}
              </Menu.Item>
            ))
          )}
        </Menu.Dropdown>
      </Menu>
      {chosen && (
        <RunPlayDialog
          key={chosen.id}
          play={chosen}
          account={account}
          opened
          onClose={() => setChosen(null)}
        />
      )}
    </>
  );
}
