// Settings (admins): users, teams, account roles, flows, touchpoint types, forms, attribute definitions, workspace policy, working days & holidays, webhooks, e-mail outbox, audit log.
import { Tabs } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { useAccountRoles, useFlows } from '@/features/lookups/api';
import { AttributesSettings } from '../components/AttributesSettings';
import { AuditLogSettings } from '../components/AuditLogSettings';
import { FormsSettings } from '../components/FormsSettings';
import { NameList } from '../components/NameList';
import { TeamsSettings } from '../components/TeamsSettings';
import { TouchpointTypesSettings } from '../components/TouchpointTypesSettings';
import { UsersSettings } from '../components/UsersSettings';
import { WorkspaceSettings } from '../components/WorkspaceSettings';
import { WorkingDaysSettings } from '../components/WorkingDaysSettings';
import { WebhookSettingsPanel } from '@/features/webhooks';
import { OutboxSettings } from '@/features/outbox/OutboxSettings';

function RolesTab() {
  const roles = useAccountRoles();
  return (
    <NameList
      what="account role"
      kind="account-roles"
      queryKey="roles"
      countLabel="Held on accounts"
      isPending={roles.isPending}
      error={roles.error}
      items={roles.data?.map((r) => ({
        id: r.id,
        name: r.name,
        count: (r as { holderCount?: number }).holderCount,
      }))}
    />
  );
}

function FlowsTab() {
  const flows = useFlows();
  return (
    <NameList
      what="flow"
      kind="flows"
      queryKey="flows"
      countLabel="Tasks"
      isPending={flows.isPending}
      error={flows.error}
      items={flows.data?.map((f) => ({
        id: f.id,
        name: f.name,
        count: (f as { taskCount?: number }).taskCount,
      }))}
    />
  );
}

export function SettingsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'users';
  return (
    <>
      <PageHeader title="Settings" subtitle="Workspace configuration (administrators)" />
      <Tabs value={tab} keepMounted={false} onChange={(t) => setParams({ tab: t ?? 'users' })}>
        <Tabs.List mb="md">
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="teams">Teams</Tabs.Tab>
          <Tabs.Tab value="roles">Account roles</Tabs.Tab>
          <Tabs.Tab value="flows">Flows</Tabs.Tab>
          <Tabs.Tab value="touchpoint-types">Touchpoint types</Tabs.Tab>
          <Tabs.Tab value="forms">Forms</Tabs.Tab>
          <Tabs.Tab value="attributes">Attributes</Tabs.Tab>
          <Tabs.Tab value="workspace">Assignment & policy</Tabs.Tab>
          <Tabs.Tab value="working-days">Working days & holidays</Tabs.Tab>
          <Tabs.Tab value="webhooks">Webhooks</Tabs.Tab>
          <Tabs.Tab value="outbox">E-mail outbox</Tabs.Tab>
          <Tabs.Tab value="audit">Audit log</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">
          <UsersSettings />
        </Tabs.Panel>
        <Tabs.Panel value="teams">
          <TeamsSettings />
        </Tabs.Panel>
        <Tabs.Panel value="roles">
          <RolesTab />
        </Tabs.Panel>
        <Tabs.Panel value="flows">
          <FlowsTab />
        </Tabs.Panel>
        <Tabs.Panel value="touchpoint-types">
          <TouchpointTypesSettings />
        </Tabs.Panel>
        <Tabs.Panel value="forms">
          <FormsSettings />
        </Tabs.Panel>
        <Tabs.Panel value="attributes">
          <AttributesSettings />
        </Tabs.Panel>
        <Tabs.Panel value="workspace">
          <WorkspaceSettings />
        </Tabs.Panel>
        <Tabs.Panel value="working-days">
          <WorkingDaysSettings />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks">
          <WebhookSettingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="outbox">
          <OutboxSettings />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditLogSettings />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
