import { PageHeader } from '@/components/PageHeader';

export function PlaysPage() {
  return <PageHeader title="PlaysPage" />;
}
