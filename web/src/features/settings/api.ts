// Settings writes: users, teams, account roles, flows, forms, attribute definitions, workspace policy.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export type Workspace = { id: string; name: string; timeZone: string; settings: { ownershipPolicy: 'ownership_only' | 'reassign_except_manual' | 'reassign_all'; forceTaskEmails: boolean; aiText: boolean } };

export const useWorkspace = () => useQuery({ queryKey: ['workspace'], queryFn: () => api.get<Workspace>('/api/v1/workspace') });

/** A write that refreshes the lists it touches. */
export function useWrite<I>(fn: (i: I) => Promise<unknown>, keys: string[]) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => keys.forEach((k) => void qc.invalidateQueries({ queryKey: [k] })) });
}

export const useUpdateWorkspace = () => useWrite((b: Partial<Omit<Workspace, 'settings' | 'id'>> & { settings?: Partial<Workspace['settings']> }) => api.patch('/api/v1/workspace', b), ['workspace']);
