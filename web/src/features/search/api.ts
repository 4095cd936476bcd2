// The header's global search: accounts, contacts and tasks the caller may see.
import { useQuery } from '@tanstack/react-query';
import { client, ok } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';

export type SearchResult =
  paths['/api/v1/search']['get']['responses'][200]['content']['application/json'];

export const useGlobalSearch = (q: string) =>
  useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) =>
      ok<SearchResult>(
        client.GET('/api/v1/search', { params: { query: { q, limit: 5 } }, signal }),
      ),
    enabled: q.length > 0,
    placeholderData: (prev) => prev,
    staleTime: 10_000,
  });
