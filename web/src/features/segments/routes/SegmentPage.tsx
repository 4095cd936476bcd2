import { PageHeader } from '@/components/PageHeader';

export function SegmentPage() {
  return <PageHeader title="SegmentPage" />;
}
