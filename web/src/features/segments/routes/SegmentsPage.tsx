import { PageHeader } from '@/components/PageHeader';

export function SegmentsPage() {
  return <PageHeader title="SegmentsPage" />;
}
