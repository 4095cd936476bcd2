// The account page's Journeys tab: the account's journeys and its contacts', each opening the journey view.
import { useState } from 'react';
import { Stack } from '@mantine/core';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { useAccountJourneys } from './api';
import { JourneyDrawer } from './JourneyDrawer';
import { JourneyTable } from './JourneyTable';

export function AccountJourneys({ accountId }: { accountId: string }) {
  const list = useAccountJourneys(accountId);
  const [open, setOpen] = useState<string | null>(null);
  if (list.isPending) return <Loading label="Loading journeys" />;
  if (list.isError) return <ErrorState error={list.error} />;
  return (
    <Stack gap="sm">
      {list.data.data.length === 0 ? (
        <EmptyState title="No journeys">
          This account and its contacts have not entered any play that runs as a journey.
        </EmptyState>
      ) : (
        <JourneyTable rows={list.data.data} showPlay onOpen={setOpen} />
      )}
      <JourneyDrawer id={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
