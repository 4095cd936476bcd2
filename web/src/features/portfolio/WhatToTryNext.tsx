// "What to try next" on the first screen: links into the demo's plays, where the engine is already at
// work. Shown to advanced users and admins (plays are theirs), until they dismiss it (per user, here).
import { Link } from 'react-router';
import { Anchor, Card, CloseButton, Group, List, Text, Title } from '@mantine/core';
import { hasRole } from '@/lib/roles';
import { useMe } from '@/features/auth/api';
import { usePlays } from '@/features/plays/api';
import { useDismissed } from './dismissed';

/** The demo seed's play names (src/seed/seed-showcase.ts showcasePlays); a workspace without them gets no card. */
const demo = {
  renewal: 'Renewal in 60 days → renewal call',
  qbr: 'Weekly QBR prep',
  followUp: 'At-risk renewal → rescue plan',
  journey: 'Onboarding call campaign',
} as const;

type Suggestion = { play: keyof typeof demo; tab: string; label: string };
const suggestions: Suggestion[] = [
  {
    play: 'renewal',
    tab: 'runs',
    label: 'See the renewal play at work: who it reached, and what it did',
  },
  { play: 'journey', tab: 'journeys', label: 'Open a journey and see who is at which step' },
  {
    play: 'qbr',
    tab: 'effectiveness',
    label: 'See how well the QBR play has worked, week by week',
  },
  {
    play: 'followUp',
    tab: 'setup',
    label: 'Complete a renewal call as “At risk” and watch the rescue plan appear',
  },
  {
    play: 'qbr',
    tab: 'versions',
    label: 'Edit the QBR play: your change becomes a draft until you publish',
  },
];

export function WhatToTryNext() {
  const { data: me } = useMe();
  const mayUsePlays = hasRole(me?.role, 'advanced');
  const { dismissed, dismiss } = useDismissed('whatToTryNext', me?.id);
  const plays = usePlays(mayUsePlays && !dismissed);
  if (!me || !mayUsePlays || dismissed || !plays.data) return null;
  const idOf = (key: keyof typeof demo) => plays.data.find((p) => p.name === demo[key])?.id;
  const links = suggestions.flatMap((s) => {
    const id = idOf(s.play);
    return id ? [{ ...s, to: `/plays/${id}?tab=${s.tab}` }] : [];
  });
  if (links.length === 0) return null;
  return (
    <Card withBorder mb="md" component="section" aria-labelledby="what-to-try-next">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={2} size="h4" id="what-to-try-next">
            What to try next
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            The demo&rsquo;s plays are already running on its accounts.
          </Text>
        </div>
        <CloseButton aria-label="Dismiss “What to try next”" onClick={dismiss} />
      </Group>
      <List spacing={4} size="sm">
        {links.map((l) => (
          <List.Item key={`${l.play}-${l.tab}`}>
            <Anchor component={Link} to={l.to}>
              {l.label}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
