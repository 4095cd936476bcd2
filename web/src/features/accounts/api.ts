// Accounts API: list with filters, profile, attribute edits, role holders, contacts, assets.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page, type Query } from '@/lib/api-client';
import type { Contact } from '@/features/lookups/api';

export type AccountSummary = {
  id: string; externalId: string; name: string; parentId: string | null; lifecycleStage: string | null; accountType: string;
  tags: string[]; attributes: Record<string, unknown>; teamIds: string[]; openTaskCount: number; overdueTaskCount: number;
  version: number; createdAt: string; updatedAt: string;
};
export type AccountDetail = AccountSummary & {
  parent: { id: string; name: string } | null; childrenCount: number; teams: Array<{ id: string; name: string }>;
  roleHolders: Array<{ roleId: string; roleName: string; user: { id: string; name: string } | null }>;
};
export type Attachment = {
  id: string; accountId: string; taskId: string | null; touchpointId: string | null; filename: string; contentType: string;
  sizeBytes: number; uploadedBy?: { id: string; name: string } | null; createdAt: string;
};
export type AccountFilters = { q?: string; teamId?: string; lifecycleStage?: string; accountType?: string; tag?: string; hasParent?: 'true' | 'false' };

export const accountPaths = {
  list: '/api/v1/accounts',
  one: (id: string) => `/api/v1/accounts/${id}`,
  role: (id: string, roleId: string) => `/api/v1/accounts/${id}/roles/${roleId}`,
  contacts: (id: string) => `/api/v1/accounts/${id}/contacts`,
  contact: (id: string) => `/api/v1/contacts/${id}`,
  createContact: '/api/v1/contacts',
  attachments: (id: string) => `/api/v1/accounts/${id}/attachments`,
  download: (attachmentId: string) => `/api/v1/attachments/${attachmentId}/download`,
};

export function useAccounts(filters: AccountFilters) {
  return useInfiniteQuery({
    queryKey: ['accounts', 'list', filters],
    queryFn: ({ pageParam, signal }) => api.get<Page<AccountSummary>>(accountPaths.list, { ...(filters as Query), cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useAccount = (id: string) =>
  useQuery({ queryKey: ['account', id], queryFn: ({ signal }) => api.get<AccountDetail>(accountPaths.one(id), undefined, signal) });

export function useUpdateAccount(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown> & { version: number }) => api.patch<AccountDetail>(accountPaths.one(id), body),
    onSuccess: (acc) => {
      qc.setQueryData(['account', id], acc);
      void qc.invalidateQueries({ queryKey: ['accounts'] });
      void qc.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}

export function useSetRoleHolder(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ roleId, userId }: { roleId: string; userId: string | null }) =>
      api.put<{ movedTasks: number; version: number }>(accountPaths.role(id, roleId), { userId }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['account', id] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export const useContacts = (accountId: string) =>
  useQuery({
    queryKey: ['account', accountId, 'contacts'],
    queryFn: () => api.get<Page<Contact>>(accountPaths.contacts(accountId), { limit: 200 }).then((p) => p.data),
  });

export function useCreateContact(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { firstName: string; lastName?: string; email?: string; phone?: string }) =>
      api.post<Contact>(accountPaths.createContact, { ...body, accountId }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['account', accountId, 'contacts'] }),
  });
}

export const useAttachments = (accountId: string) =>
  useQuery({
    queryKey: ['account', accountId, 'attachments'],
    queryFn: () => api.get<Page<Attachment>>(accountPaths.attachments(accountId), { limit: 200 }).then((p) => p.data),
  });

export function useUploadAttachment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, file, taskId }: { accountId: string; file: File; taskId?: string }) => {
      const form = new FormData();
      if (taskId) form.append('taskId', taskId);
      form.append('file', file, file.name);
      return api.upload<Attachment>(accountPaths.attachments(accountId), form);
    },
    onSuccess: (_a, v) => void qc.invalidateQueries({ queryKey: ['account', v.accountId, 'attachments'] }),
  });
}
