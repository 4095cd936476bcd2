// Account profile: header, assignment roles, and Work / Timeline / Contacts / Assets / Attributes tabs.
import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Tabs, Text } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, Loading } from '@/components/feedback';
import { useQuickActions } from '@/app/quick-actions';
import { canManagePlays, useMe } from '@/features/auth/api';
import { AccountJourneys, RunPlayMenu } from '@/features/plays';
import { WorkList } from '@/features/tasks';
import { TimelineList } from '@/features/timeline/TimelineList';
import { useAccount } from '../api';
import { AssetsTab } from '../components/AssetsTab';
import { AttributesTab } from '../components/AttributesTab';
import { ContactsTab } from '../components/ContactsTab';
import { RolesWidget } from '../components/RolesWidget';

export function AccountProfilePage() {
  const { id = '' } = useParams();
  const account = useAccount(id);
  const { data: me } = useMe();
  const { addTask, requestInfo, logTouchpoint } = useQuickActions();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'work';
  if (account.isPending) return <Loading label="Loading account" />;
  if (account.isError) return <ErrorState error={account.error} />;
  const a = account.data;
  return (
    <>
      <Breadcrumbs mb="xs" aria-label="Breadcrumb">
        <Anchor component={Link} to="/accounts" size="sm">
          Accounts
        </Anchor>
        {a.parent && (
          <Anchor component={Link} to={`/accounts/${a.parent.id}`} size="sm">
            {a.parent.name}
          </Anchor>
        )}
        <Text size="sm">{a.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={a.name}
        subtitle={
          <>
            {a.accountType} · {a.lifecycleStage ?? 'no stage'} · {a.externalId}
            {a.teams.length ? ` · ${a.teams.map((t) => t.name).join(', ')}` : ''}
          </>
        }
        actions={
          <>
            <Button onClick={() => addTask({ accountId: a.id })}>Add task</Button>
            <Button variant="default" onClick={() => requestInfo({ accountId: a.id })}>
              Request information
            </Button>
            {canManagePlays(me) && <RunPlayMenu account={a} />}
          </>
        }
      />
      {a.tags.length > 0 && (
        <Group gap={4} mb="sm">
          {a.tags.map((t) => (
            <Badge key={t} variant="light">
              {t}
            </Badge>
          ))}
        </Group>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Tabs
            value={tab}
            keepMounted={false}
            onChange={(t) =>
              setParams((p) => {
                const n = new URLSearchParams(p);
                n.set('tab', t ?? 'work');
                return n;
              })
            }
          >
            <Tabs.List mb="md">
              <Tabs.Tab value="work">
                Work{' '}
                <Badge size="xs" ml={4} color={a.overdueTaskCount ? 'red' : 'gray'} variant="light">
                  {a.openTaskCount}
                </Badge>
              </Tabs.Tab>
              <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
              <Tabs.Tab value="contacts">Contacts</Tabs.Tab>
              <Tabs.Tab value="assets">Assets</Tabs.Tab>
              <Tabs.Tab value="attributes">Attributes</Tabs.Tab>
              {canManagePlays(me) && <Tabs.Tab value="journeys">Journeys</Tabs.Tab>}
            </Tabs.List>
            <Tabs.Panel value="work">
              <WorkList scope={{ kind: 'account', accountId: a.id }} />
            </Tabs.Panel>
            <Tabs.Panel value="timeline">
              <Group justify="flex-end" mb="sm">
                <Button variant="light" onClick={() => logTouchpoint({ accountId: a.id })}>
                  Log touchpoint
                </Button>
              </Group>
              <TimelineList scope={{ accountId: a.id }} />
            </Tabs.Panel>
            <Tabs.Panel value="contacts">
              <ContactsTab accountId={a.id} />
            </Tabs.Panel>
            <Tabs.Panel value="assets">
              <AssetsTab accountId={a.id} />
            </Tabs.Panel>
            <Tabs.Panel value="attributes">
              <AttributesTab account={a} />
            </Tabs.Panel>
            <Tabs.Panel value="journeys">
              <AccountJourneys accountId={a.id} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <RolesWidget
            account={a}
            canEdit={
              canManagePlays(me) || Boolean(me && a.teamIds.some((t) => me.teamIds.includes(t)))
            }
          />
        </Grid.Col>
      </Grid>
    </>
  );
}
