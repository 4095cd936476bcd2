// One version compared with the version in force, in words (diff-definitions.ts).
import { Card, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { ErrorState, Loading } from '@/components/feedback';
import { useAttributeDefs, useFlows } from '@/features/lookups/api';
import { useSegments } from '@/features/segments/api';
import { actionKind, actionLabel } from '../actions/registry';
import type { Action, Play } from '../types';
import { usePlays } from '../api';
import { useVersion } from './api';
import { diffDefinitions, type DiffNames } from './diff-definitions';

/** "Create task 'Call {{account.name}}'": the action's kind and what it is about. */
const actionWords = (a: Action) => {
  const about = actionKind(a.type).summary(a).trim();
  return `${actionLabel(a.type)}${about ? ` '${about.length > 60 ? `${about.slice(0, 57)}…` : about}'` : ''}`;
};

function useDiffNames(play: Play): DiffNames {
  const attrs = useAttributeDefs(play.subject === 'accounts' ? 'account' : 'contact');
  const segments = useSegments();
  const plays = usePlays();
  const flows = useFlows();
  return {
    // The versions API answers the same actions the builder edits.
    action: (a) => actionWords(a as unknown as Action),
    field: (f) => {
      const key = f.replace(/^attributes\./, '');
      return attrs.data?.find((d) => d.key === key)?.label ?? key.replace(/_/g, ' ');
    },
    segment: (id) => segments.data?.find((s) => s.id === id)?.name,
    play: (id) => plays.data?.find((p) => p.id === id)?.name,
    flow: (id) => flows.data?.find((f) => f.id === id)?.name,
  };
}

export function VersionDiff({
  play,
  number,
  inForce,
}: {
  play: Play;
  number: number;
  inForce: number;
}) {
  const current = useVersion(play.id, inForce, String(play.version));
  const other = useVersion(play.id, number, String(play.version));
  const names = useDiffNames(play);
  if (current.isPending || other.isPending) return <Loading label="Comparing versions" />;
  if (current.isError) return <ErrorState error={current.error} />;
  if (other.isError) return <ErrorState error={other.error} />;
  const changes = diffDefinitions(current.data.definition, other.data.definition, names);
  return (
    <Card withBorder aria-label={`Changes in version ${number}`}>
      <Text fw={600} mb="xs">
        Version {number} compared with version {inForce} (in force)
      </Text>
      {number === inForce ? (
        <Text size="sm">This is the version in force.</Text>
      ) : changes.length === 0 ? (
        <Text size="sm">Same definition as the version in force.</Text>
      ) : (
        <List spacing="xs" size="sm">
          {changes.map((c, i) => (
            <List.Item key={i}>
              <Text size="sm">{c.text}</Text>
              {c.before && c.after && (
                <SimpleGrid cols={2} mt={4}>
                  <Conditions title="In force" lines={c.before} />
                  <Conditions title={`Version ${number}`} lines={c.after} />
                </SimpleGrid>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

function Conditions({ title, lines }: { title: string; lines: string[] }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {title}
      </Text>
      {lines.map((l, i) => (
        <Text key={i} size="sm" style={{ whiteSpace: 'pre' }}>
          {l}
        </Text>
      ))}
    </Stack>
  );
}
