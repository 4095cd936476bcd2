// Team Spotlight → Work focus: a team's (or each member's) tasks over a period, by flow, role and day, with drill-downs.
import { Group, Select, SimpleGrid, Stack, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, Loading } from '@/components/feedback';
import { formatDay } from '@/lib/dates';
import { useTeams } from '@/features/lookups/api';
import { useWorkFocus } from '../api';
import { Breakdown } from '../components/Breakdown';
import { ByDateChart } from '../components/ByDateChart';
import { DrillDown } from '../components/DrillDown';
import { MemberRibbons } from '../components/MemberRibbons';
import { StatCards } from '../components/StatCards';
import { periodDays, type FocusScope, type WorkFocus } from '../types';

const ALL = 'all';

function Report({ data }: { data: WorkFocus }) {
  const flows = data.byFlow.map((f) => ({ ...f, name: f.flow.name, slice: { flowId: f.flow.id } }));
  const roles = data.byRole.map((r) => ({
    ...r,
    name: r.role?.name ?? 'Assigned by name',
    slice: { roleId: r.role?.id ?? 'none' },
  }));
  return (
    <>
      <StatCards totals={data.totals} />
      <ByDateChart byDate={data.byDate} />
      <section aria-labelledby="ribbons-title">
        <Title order={2} size="h4" mb="xs" id="ribbons-title">
          Team members
        </Title>
        <MemberRibbons members={data.members} />
      </section>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Breakdown title="By flow" rows={flows} />
        <Breakdown title="By role" rows={roles} />
      </SimpleGrid>
    </>
  );
}

export function SpotlightPage() {
  const [params, setParams] = useSearchParams();
  const teams = useTeams();
  const teamId = params.get('teamId') ?? undefined;
  const daysParam = Number(params.get('days'));
  const days = (periodDays as readonly number[]).includes(daysParam) ? daysParam : 30;
  const scope: FocusScope = { teamId, days };
  const report = useWorkFocus(scope);
  // Changing team or period starts over: an open drill-down belonged to the old scope.
  const setScope = (k: 'teamId' | 'days', v: string | null) =>
    setParams(
      (p) => {
        const n = new URLSearchParams();
        const keep = { teamId: p.get('teamId'), days: p.get('days'), [k]: v };
        for (const [key, val] of Object.entries(keep)) if (val && val !== ALL) n.set(key, val);
        return n;
      },
      { replace: true },
    );
  const period = report.data?.period;
  return (
    <>
      <PageHeader
        title="Team Spotlight"
        subtitle={
          period ? `Work focus · ${formatDay(period.from)} – ${formatDay(period.to)}` : 'Work focus'
        }
      />
      <Group mb="md" align="flex-end" role="search" aria-label="Choose team and period">
        <Select
          label="Team"
          w={220}
          allowDeselect={false}
          value={teamId ?? ALL}
          onChange={(v) => setScope('teamId', v)}
          data={[
            { value: ALL, label: 'All my teams' },
            ...(teams.data ?? []).map((t) => ({ value: t.id, label: t.name })),
          ]}
        />
        <Select
          label="Period"
          w={180}
          allowDeselect={false}
          value={String(days)}
          onChange={(v) => setScope('days', v)}
          data={periodDays.map((d) => ({ value: String(d), label: `Last ${d} days` }))}
        />
      </Group>
      <Stack>
        {report.isPending ? (
          <Loading label="Loading Work focus" />
        ) : report.isError ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <>
            <Report data={report.data} />
            <DrillDown scope={scope} report={report.data} />
          </>
        )}
      </Stack>
    </>
  );
}
