import { PageHeader } from '@/components/PageHeader';

export function PlayPage() {
  return <PageHeader title="PlayPage" />;
}
