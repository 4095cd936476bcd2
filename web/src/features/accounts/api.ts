// Accounts API: list with filters, profile, attribute edits, role holders, contacts, assets.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, linkTo, ok, type Page, type RequestBody } from '@/lib/api-client';
import type { Contact } from '@/features/lookups/api';

export type AccountSummary = {
  id: string;
  externalId: string;
  name: string;
  parentId: string | null;
  lifecycleStage: string | null;
  accountType: string;
  tags: string[];
  attributes: Record<string, unknown>;
  teamIds: string[];
  /** Role id → the user holding it on this account. */
  roles: Record<string, { id: string; name: string }>;
  openTaskCount: number;
  overdueTaskCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type AccountDetail = AccountSummary & {
  parent: { id: string; name: string } | null;
  childrenCount: number;
  teams: Array<{ id: string; name: string }>;
  roleHolders: Array<{
    roleId: string;
    roleName: string;
    user: { id: string; name: string } | null;
  }>;
};
export type Attachment = {
  id: string;
  accountId: string;
  taskId: string | null;
  touchpointId: string | null;
  filename: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy?: { id: string; name: string } | null;
  createdAt: string;
};
export type AccountFilters = {
  q?: string;
  teamId?: string;
  lifecycleStage?: string;
  accountType?: string;
  tag?: string;
  hasParent?: 'true' | 'false';
};

export const downloadPath = (attachmentId: string) =>
  linkTo('/api/v1/attachments/{id}/download', { id: attachmentId });

/** Server-side order and column filters (`column:op[:value]`) of the accounts list. */
export type AccountOrder = { sort?: string; dir?: 'asc' | 'desc'; filter?: string[] };

export function useAccounts(filters: AccountFilters, order: AccountOrder = {}) {
  return useInfiniteQuery({
    queryKey: ['accounts', 'list', filters, order],
    queryFn: ({ pageParam, signal }) =>
      ok<Page<AccountSummary>>(
        client.GET('/api/v1/accounts', {
          params: { query: { ...filters, ...order, cursor: pageParam, limit: 50 } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useAccount = (id: string) =>
  useQuery({
    queryKey: ['account', id],
    queryFn: ({ signal }) =>
      ok<AccountDetail>(client.GET('/api/v1/accounts/{id}', { params: { path: { id } }, signal })),
  });

export function useUpdateAccount(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestBody<'/api/v1/accounts/{id}', 'patch'>) =>
      ok<AccountDetail>(client.PATCH('/api/v1/accounts/{id}', { params: { path: { id } }, body })),
    onSuccess: (acc) => {
      qc.setQueryData(['account', id], acc);
      void qc.invalidateQueries({ queryKey: ['accounts'] });
      void qc.invalidateQueries({ queryKey: ['timeline'] });
      // Saved attributes change the work: the account's Work tab refetches when shown (the play a change
      // fires adds its tasks a moment later, which the live stream brings in).
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export function useSetRoleHolder(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ roleId, userId }: { roleId: string; userId: string | null }) =>
      ok(
        client.PUT('/api/v1/accounts/{id}/roles/{roleId}', {
          params: { path: { id, roleId } },
          body: { userId },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['account', id] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export const useContacts = (accountId: string) =>
  useQuery({
    queryKey: ['account', accountId, 'contacts'],
    queryFn: () =>
      ok<Page<Contact>>(
        client.GET('/api/v1/accounts/{id}/contacts', {
          params: { path: { id: accountId }, query: { limit: 200 } },
        }),
      ).then((p) => p.data),
  });

export function useCreateContact(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { firstName: string; lastName?: string; email?: string; phone?: string }) =>
      ok<Contact>(client.POST('/api/v1/contacts', { body: { ...body, accountId } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['account', accountId, 'contacts'] }),
  });
}

export const useAttachments = (accountId: string) =>
  useQuery({
    queryKey: ['account', accountId, 'attachments'],
    queryFn: () =>
      ok<Page<Attachment>>(
        client.GET('/api/v1/accounts/{id}/attachments', {
          params: { path: { id: accountId }, query: { limit: 200 } },
        }),
      ).then((p) => p.data),
  });

/** The files attached to one task (listed in the task panel). */
export const useTaskAttachments = (accountId: string, taskId: string) =>
  useQuery({
    queryKey: ['account', accountId, 'attachments', { taskId }],
    queryFn: ({ signal }) =>
      ok<Page<Attachment>>(
        client.GET('/api/v1/accounts/{id}/attachments', {
          params: { path: { id: accountId }, query: { taskId, limit: 200 } },
          signal,
        }),
      ).then((p) => p.data),
  });

export function useUploadAttachment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      accountId,
      file,
      taskId,
      touchpointId,
    }: {
      accountId: string;
      file: File;
      taskId?: string;
      touchpointId?: string;
    }) => {
      const form = new FormData();
      if (taskId) form.append('taskId', taskId);
      if (touchpointId) form.append('touchpointId', touchpointId);
      form.append('file', file, file.name);
      // The document does not describe the multipart body, so the form is passed through as it is.
      return ok<Attachment>(
        client.POST('/api/v1/accounts/{id}/attachments', {
          params: { path: { id: accountId } },
          body: form as never,
          bodySerializer: () => form,
        }),
      );
    },
    onSuccess: (_a, v) =>
      void qc.invalidateQueries({ queryKey: ['account', v.accountId, 'attachments'] }),
  });
}
