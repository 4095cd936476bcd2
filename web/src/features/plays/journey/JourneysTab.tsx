// The play page's Journeys tab: the totals, the journeys filtered by status and step, and one journey
// in the drawer (?journey=<id>, so the view can be linked).
import { useState } from 'react';
import { Button, Group, Select, Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { journeyStatusLabels } from '@/lib/labels';
import type { Play } from '../types';
import { usePlayJourneys, useStepCounts, type JourneyStatus } from './api';
import { JourneyDrawer } from './JourneyDrawer';
import { JourneyTable } from './JourneyTable';
import { JourneyTotals } from './JourneyTotals';
import { useStepWords } from './step-names';
import { placeSteps } from './tree';
import type { JourneyFields } from './types';

export function JourneysTab({ play }: { play: Play }) {
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<JourneyStatus | undefined>();
  const [stepId, setStepId] = useState<string | undefined>();
  const [cursors, setCursors] = useState<string[]>([]);
  const counts = useStepCounts(play.id, true);
  const list = usePlayJourneys(play.id, { status, stepId, cursor: cursors.at(-1) });
  const words = useStepWords(play.id);
  const steps = placeSteps((play as Play & JourneyFields).steps ?? []);
  const open = (id: string | null) =>
    setParams((x) => {
      const n = new URLSearchParams(x);
      if (id) n.set('journey', id);
      else n.delete('journey');
      return n;
    });

  return (
    <Stack gap="sm">
      <JourneyTotals counts={counts.data} />
      <Group align="flex-end" gap="xs">
        <Select
          label="Status"
          w={160}
          clearable
          placeholder="Any"
          value={status ?? null}
          onChange={(v) => {
            setStatus((v ?? undefined) as JourneyStatus | undefined);
            setCursors([]);
          }}
          data={Object.entries(journeyStatusLabels).map(([value, label]) => ({ value, label }))}
        />
        <Select
          label="On step"
          w={{ base: '100%', sm: 360 }}
          clearable
          searchable
          placeholder="Any step"
          value={stepId ?? null}
          onChange={(v) => {
            setStepId(v ?? undefined);
            setCursors([]);
          }}
          data={steps.map(({ step }) => ({ value: step.id, label: words(step.id) }))}
        />
      </Group>
      {list.isPending ? (
        <Loading label="Loading journeys" />
      ) : list.isError ? (
        <ErrorState error={list.error} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title="No journeys here">
          Records start a journey when they enter the play while it is enabled.
        </EmptyState>
      ) : (
        <>
          <JourneyTable rows={list.data.data} showPlay={false} onOpen={open} />
          <Group gap="xs">
            {cursors.length > 0 && (
              <Button variant="default" size="xs" onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous page
              </Button>
            )}
            {list.data.nextCursor && (
              <Button
                variant="default"
                size="xs"
                onClick={() => setCursors([...cursors, list.data.nextCursor!])}
              >
                Next page
              </Button>
            )}
          </Group>
        </>
      )}
      <JourneyDrawer id={params.get('journey')} onClose={() => open(null)} />
    </Stack>
  );
}
