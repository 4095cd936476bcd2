// "Set up your workspace" on a new workspace's first screen: what an admin does before work can flow
// (accounts, flows, people, a first play), each step with its button, ticked off as it is done.
// Gone once every step is done, or when dismissed.
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge, Button, Card, CloseButton, Group, Stack, Text, Title } from '@mantine/core';
import { isAdmin, useMe } from '@/features/auth/api';
import { useAccountSearch, useFlows, useUsers } from '@/features/lookups/api';
import { usePlays } from '@/features/plays/api';
import { useDismissed } from './dismissed';

const ImportCsvDialog = lazy(() =>
  import('@/features/import/ImportCsvDialog').then((m) => ({ default: m.ImportCsvDialog })),
);

type Step = { title: string; why: string; done: boolean; button: ReactNode };

export function GetStarted() {
  const { data: me } = useMe();
  const admin = isAdmin(me);
  const { dismissed, dismiss } = useDismissed('getStarted', me?.id);
  const accounts = useAccountSearch('');
  const flows = useFlows();
  const users = useUsers();
  const plays = usePlays(admin && !dismissed);
  const [importing, setImporting] = useState(false);
  if (!me || !admin || dismissed) return null;
  if (!accounts.data || !flows.data || !users.data || !plays.data) return null;
  const link = (to: string, label: string) => (
    <Button component={Link} to={to} variant="light">
      {label}
    </Button>
  );
  const steps: Step[] = [
    {
      title: 'Add your accounts',
      why: 'Import a CSV of your customer accounts and their contacts (or send them through the API).',
      done: accounts.data.length > 0,
      button: <Button onClick={() => setImporting(true)}>Import CSV</Button>,
    },
    {
      title: 'Name your flows',
      why: 'Every task belongs to a flow, the kind of work it is: Onboarding, Renewal, Support…',
      done: flows.data.length > 0,
      button: link('/settings?tab=flows', 'Add flows'),
    },
    {
      title: 'Invite your team',
      why: 'Add the people who work the accounts; they sign in with their e-mail.',
      done: users.data.length > 1,
      button: link('/settings?tab=users', 'Add users'),
    },
    {
      title: 'Build your first play',
      why: 'A play creates tasks when accounts meet your criteria, on a schedule or on demand.',
      done: plays.data.length > 0,
      button: link('/plays/new', 'New play'),
    },
  ];
  if (steps.every((s) => s.done)) return null;
  return (
    <Card withBorder mb="md" component="section" aria-labelledby="get-started">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <div>
          <Title order={2} size="h4" id="get-started">
            Set up your workspace
          </Title>
          <Text size="sm" c="dimmed">
            Your workspace is new: these steps get work flowing.
          </Text>
        </div>
        <CloseButton aria-label="Dismiss “Set up your workspace”" onClick={dismiss} />
      </Group>
      <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {steps.map((s, i) => (
          <Group key={s.title} component="li" justify="space-between" wrap="wrap" gap="xs">
            <div style={{ flex: '1 1 260px', minWidth: 0 }}>
              <Text fw={600} size="sm" td={s.done ? 'line-through' : undefined}>
                {i + 1}. {s.title}
              </Text>
              <Text size="sm" c="dimmed">
                {s.why}
              </Text>
            </div>
            {s.done ? (
              <Badge color="green" variant="light">
                Done
              </Badge>
            ) : (
              s.button
            )}
          </Group>
        ))}
      </Stack>
      {importing && (
        <Suspense fallback={null}>
          <ImportCsvDialog opened onClose={() => setImporting(false)} />
        </Suspense>
      )}
    </Card>
  );
}
