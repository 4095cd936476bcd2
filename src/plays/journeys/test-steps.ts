// Journey tests' step literals: a create-task action step in the test world's flow.
import type { PlayWorld } from '../test-setup.ts';

/** An action step creating "title" for `userId` (the standard user by default), due in 3 days. */
export const taskStep = (
  p: PlayWorld,
  id: string,
  title: string,
  over: { userId?: string; outcomes?: string[]; dueInDays?: number } = {},
) => ({
  id,
  type: 'action' as const,
  action: {
    type: 'create_task' as const,
    title,
    description: 'x',
    dueInDays: over.dueInDays ?? 3,
    ...(over.outcomes ? { outcomes: over.outcomes } : {}),
    flowId: p.w.flow.id,
    assignee: { type: 'user' as const, userId: over.userId ?? p.w.users.standard.id },
  },
});
