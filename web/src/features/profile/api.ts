// The signed-in user's own profile: read and edit through the users API (PATCH /users/{id} on yourself).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, type RequestBody } from '@/lib/api-client';

export type ProfileChanges = RequestBody<'/api/v1/users/{id}', 'patch'>;

export const profileKey = (id: string) => ['users', id, 'profile'] as const;

export function useProfile(id: string | undefined) {
  return useQuery({
    queryKey: profileKey(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      ok(client.GET('/api/v1/users/{id}', { params: { path: { id: id! } }, signal })),
  });
}

export function useUpdateProfile(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileChanges) =>
      ok(client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: (user) => {
      qc.setQueryData(profileKey(id), user);
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
