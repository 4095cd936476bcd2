// My Portfolio: my work (tasks assigned to me, in work order) and my timeline.
import { Button, Tabs } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { useQuickActions } from '@/app/quick-actions';
import { useMe } from '@/features/auth/api';
import { WorkList } from '@/features/tasks';
import { TimelineList } from '@/features/timeline/TimelineList';
import { GetStarted } from './GetStarted';
import { WhatToTryNext } from './WhatToTryNext';

export function PortfolioPage() {
  const { data: me } = useMe();
  const { addTask } = useQuickActions();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'work';
  return (
    <>
      <PageHeader
        title="My Portfolio"
        subtitle={me ? `Work assigned to ${me.name}` : undefined}
        actions={<Button onClick={() => addTask()}>Add task</Button>}
      />
      <GetStarted />
      <WhatToTryNext />
      <Tabs
        value={tab}
        onChange={(t) =>
          setParams((p) => {
            const n = new URLSearchParams(p);
            n.set('tab', t ?? 'work');
            return n;
          })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="work">Work</Tabs.Tab>
          <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="work">
          <WorkList scope={{ kind: 'mine' }} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <TimelineList scope={{ mine: true }} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
