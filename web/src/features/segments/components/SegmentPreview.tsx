// Live preview: how many records match the criteria as typed, and the first of them.
import { Anchor, Box, Group, Loader, Table, Text } from '@mantine/core';
import { TagBadges } from '@/components/TagBadges';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { EmptyState, ErrorState } from '@/components/feedback';
import { usePreview } from '../api';
import type { Criteria, Subject } from '../types';

export function SegmentPreview({
  subject,
  criteria,
}: {
  subject: Subject;
  criteria: Criteria | null;
}) {
  const [debounced] = useDebouncedValue(criteria, 400);
  const q = usePreview(subject, debounced);
  if (!debounced)
    return (
      <EmptyState title="No conditions">Add a condition to see which {subject} match.</EmptyState>
    );
  return (
    <>
      <Group gap="xs" mb="xs" aria-live="polite">
        <Text fw={600} data-testid="preview-count">
          {q.data
            ? `${q.data.count} ${subject === 'accounts' ? 'account' : 'contact'}${q.data.count === 1 ? '' : 's'} match`
            : 'Counting…'}
        </Text>
        {q.isFetching && <Loader size="xs" aria-label="Updating preview" />}
      </Group>
      {q.isError ? (
        <ErrorState error={q.error} />
      ) : q.data && q.data.data.length === 0 ? (
        <EmptyState title="Nothing matches yet" />
      ) : (
        q.data && (
          // As narrow as its words allow; what cannot wrap (an e-mail address) scrolls inside the box
          // rather than widening the page on a phone.
          <Table.ScrollContainer minWidth={0}>
            <Table aria-label="Preview" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  {subject === 'contacts' && <Table.Th>Account</Table.Th>}
                  <Table.Th>Stage</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.data.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      {subject === 'accounts' ? (
                        <Anchor component={Link} to={`/accounts/${r.id}`}>
                          {r.name}
                        </Anchor>
                      ) : (
                        <>
                          {r.name}
                          {r.email ? ` (${r.email})` : ''}
                        </>
                      )}
                      {/* Tags under the name: a column of its own does not fit beside the builder. */}
                      {r.tags.length > 0 && (
                        <Box mt={4}>
                          <TagBadges tags={r.tags} />
                        </Box>
                      )}
                    </Table.Td>
                    {subject === 'contacts' && (
                      <Table.Td>
                        <Anchor component={Link} to={`/accounts/${r.accountId}`}>
                          {r.accountName}
                        </Anchor>
                      </Table.Td>
                    )}
                    <Table.Td>{r.lifecycleStage ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      )}
    </>
  );
}
