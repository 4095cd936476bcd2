// Tasks collection: every task the caller can see, in the one work list (search, filters, sort,
// grouping and counts in the URL; bulk actions), plus the CSV export of the same filtered set.
import { Button } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { exportUrl } from '../api';
import { WorkList } from '../components/WorkList';
import { readWorkView, workQuery } from '../work-filters';

export function TasksCollectionPage() {
  const [params] = useSearchParams();
  const query = workQuery({ kind: 'all' }, readWorkView(params));
  return (
    <>
      <PageHeader
        title="Tasks"
        subtitle="Every task you can see, filtered and grouped"
        actions={
          <Button component="a" href={exportUrl(query)} variant="default" download>
            Export CSV
          </Button>
        }
      />
      <WorkList scope={{ kind: 'all' }} />
    </>
  );
}
