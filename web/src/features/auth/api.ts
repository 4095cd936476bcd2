// Session: who is signed in, sign in, sign out.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, client, ok, setCsrfToken } from '@/lib/api-client';
import { hasRole, type Role } from '@/lib/roles';

export type { Role };
export type Me = {
  id: string;
  workspaceId: string;
  name: string;
  email: string;
  role: Role;
  teamIds: string[];
  csrfToken: string | null;
};

export const meKey = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        const me = await ok<Me>(client.GET('/api/v1/me'));
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        // Not signed in is a state, not an error.
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Drops the previous user's cached data; the `me` query stays so its observers see the new value. */
function forgetEverythingButMe(qc: QueryClient) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      ok<Me>(client.POST('/api/v1/auth/login', { body })),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      forgetEverythingButMe(qc);
      qc.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => ok(client.POST('/api/v1/auth/logout')),
    onSettled: () => {
      setCsrfToken(null);
      forgetEverythingButMe(qc);
      qc.setQueryData(meKey, null);
    },
  });
}

/** Role checks mirror the server's through the one role table (the server still decides). */
export const canManagePlays = (me: Me | null | undefined) => hasRole(me?.role, 'advanced');
export const isAdmin = (me: Me | null | undefined) => hasRole(me?.role, 'admin');

export type AuthProviders = { password: boolean; sso: boolean };

/** Which sign-in methods the server has on (public: asked before anyone is signed in). */
export function useAuthProviders() {
  return useQuery({
    queryKey: ['auth-providers'],
    queryFn: () => ok<AuthProviders>(client.GET('/api/v1/auth/providers')),
    staleTime: Infinity,
    retry: false,
  });
}
