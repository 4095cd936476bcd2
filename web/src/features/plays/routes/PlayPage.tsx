// One play (or a new one): the builder, its controls, runs and effectiveness.
import { Anchor, Breadcrumbs, Tabs, Text } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, Loading } from '@/components/feedback';
import { usePlay } from '../api';
import { EffectivenessTab } from '../components/EffectivenessTab';
import { PlayControls } from '../components/PlayControls';
import { PlayForm } from '../components/PlayForm';
import { RunsTab } from '../components/RunsTab';
import { isJourneyPlay, JourneysTab, StillRunningBanner } from '../journey';
import { DraftBanner } from '../versions/DraftBanner';
import { SetupTab } from '../versions/SetupTab';
import { VersionsTab } from '../versions/VersionsTab';

export function PlayPage() {
  const { id = 'new' } = useParams();
  const play = usePlay(id === 'new' ? null : id);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'setup';
  const showTab = (t: string | null) =>
    setParams((x) => {
      const n = new URLSearchParams(x);
      n.set('tab', t ?? 'setup');
      return n;
    });
  const crumbs = (
    <Breadcrumbs mb="xs" aria-label="Breadcrumb">
      <Anchor component={Link} to="/plays" size="sm">
        Plays
      </Anchor>
      <Text size="sm">{id === 'new' ? 'New play' : play.data?.name}</Text>
    </Breadcrumbs>
  );
  if (id === 'new')
    return (
      <>
        {crumbs}
        <PageHeader
          title="New play"
          subtitle="Saved disabled; enable it when the dry run looks right"
        />
        <PlayForm play={null} />
      </>
    );
  if (play.isPending) return <Loading label="Loading play" />;
  if (play.isError) return <ErrorState error={play.error} />;
  const p = play.data;
  return (
    <>
      {crumbs}
      <PageHeader title={p.name} subtitle={p.description} actions={<PlayControls play={p} />} />
      <DraftBanner play={p} onCompare={() => showTab('versions')} />
      <StillRunningBanner play={p} />
      <Tabs value={tab} keepMounted={false} onChange={showTab}>
        <Tabs.List mb="md">
          <Tabs.Tab value="setup">Setup</Tabs.Tab>
          <Tabs.Tab value="runs">Runs</Tabs.Tab>
          <Tabs.Tab value="effectiveness">Effectiveness</Tabs.Tab>
          {isJourneyPlay(p) && <Tabs.Tab value="journeys">Journeys</Tabs.Tab>}
          <Tabs.Tab value="versions">Versions</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="setup">
          <SetupTab play={p} />
        </Tabs.Panel>
        <Tabs.Panel value="runs">
          <RunsTab playId={p.id} actions={p.actions} />
        </Tabs.Panel>
        <Tabs.Panel value="effectiveness">
          <EffectivenessTab playId={p.id} />
        </Tabs.Panel>
        <Tabs.Panel value="journeys">
          <JourneysTab play={p} />
        </Tabs.Panel>
        <Tabs.Panel value="versions">
          <VersionsTab play={p} initial={p.draft?.number} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
