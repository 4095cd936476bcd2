// Task templates (ONTRAPORT "messages"): reusable task definitions with merge fields, outcomes and notifications.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, okAs, type Page } from '@/lib/api-client';
import type { components } from '@/lib/api-schema';
import type { AssigneeRule, CompletionRules } from '@/features/plays/types';
import type { Priority } from '@/lib/priority';
import type { DueUnit } from '@/lib/labels';

/** The API's one outcome-action schema (src/templates/outcome-action.ts), as the server returns it. */
export type OutcomeAction = components['schemas']['OutcomeAction'];
export type Outcome = { name: string; actions: OutcomeAction[] };
export type NotificationRule = {
  to: 'assignee' | 'assignee_manager' | { userId: string };
  /** `unit: 'working_days'`: counted in the assignee's working days (SPEC §14). */
  when:
    | 'assigned'
    | { daysBeforeDue: number; unit?: DueUnit }
    | { daysAfterDue: number; unit?: DueUnit };
  via: 'email' | 'sms';
};
export type Template = {
  id: string;
  name: string;
  title: string;
  description: string;
  dueOffsetDays: number;
  /** Calendar days or working days in the assignee's calendar (SPEC §14). */
  dueOffsetUnit: DueUnit;
  priority: Priority;
  flowId: string;
  assigneeRule: AssigneeRule;
  outcomes: Outcome[];
  notificationRules: NotificationRule[];
  completionRules: CompletionRules;
  formId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type TemplateInput = Omit<Template, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export const useTemplates = () =>
  useQuery({
    queryKey: ['templates'],
    queryFn: () =>
      okAs<Page<Template>>(
        client.GET('/api/v1/templates', { params: { query: { limit: 200 } } }),
      ).then((p) => p.data),
  });

export function useSaveTemplate(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TemplateInput & { version?: number }) =>
      okAs<Template>(
        id
          ? client.PATCH('/api/v1/templates/{id}', { params: { path: { id } }, body })
          : client.POST('/api/v1/templates', { body }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['templates'] }),
  });
}

export function useDeleteTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      ok(client.DELETE('/api/v1/templates/{id}', { params: { path: { id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['templates'] }),
  });
}

export function useApplyTemplate(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { accountIds?: string[]; contactIds?: string[]; dueDate?: string }) =>
      ok(client.POST('/api/v1/templates/{id}/apply', { params: { path: { id } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
}
