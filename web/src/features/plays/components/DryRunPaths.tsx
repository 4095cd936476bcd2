// The dry run of a journey play (issue 11): per record, the path it would take now, step by step in
// words, ending where it would wait from now on (a wait-until, or a branch on a task's outcome).
import { Paper, Stack, Text, Timeline } from '@mantine/core';
import type { DryRunJourneyPath } from '../types';

function RecordPath({ r }: { r: DryRunJourneyPath }) {
  const name = r.recordName ?? r.recordId;
  const last = r.path[r.path.length - 1];
  return (
    <Paper withBorder p="sm" component="section" aria-label={`Path of ${name}`}>
      <Text fw={600} component="h3" size="sm" mb="xs" style={{ overflowWrap: 'anywhere' }}>
        {name}
        {r.accountName && r.accountName !== r.recordName ? ` (${r.accountName})` : ''}
      </Text>
      {r.heldOut ? (
        <Text size="sm">Held out: enters the journey and gets no step, to measure the play.</Text>
      ) : (
        <Timeline
          bulletSize={12}
          lineWidth={2}
          component="ol"
          style={{ listStyle: 'none', paddingLeft: 0 }}
        >
          {r.path.map((s, i) => (
            <Timeline.Item key={`${s.stepId}-${i}`} component="li">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {s.text}
              </Text>
              {r.stoppedAt === s.stepId && i === r.path.length - 1 && (
                <Text size="sm" fw={600}>
                  Waits here from now on
                </Text>
              )}
            </Timeline.Item>
          ))}
          {!r.stoppedAt && last?.type !== 'end' && (
            <Timeline.Item component="li">
              <Text size="sm">The journey ends</Text>
            </Timeline.Item>
          )}
        </Timeline>
      )}
    </Paper>
  );
}

export function DryRunPaths({ journeys }: { journeys: DryRunJourneyPath[] }) {
  return (
    <Stack gap="sm" aria-label="Path of each record">
      {journeys.map((r) => (
        <RecordPath key={r.recordId} r={r} />
      ))}
    </Stack>
  );
}
