// Account assignment: who holds each account role (Success Manager, Sales Manager…); changing one may move open tasks.
import { Card, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '@/lib/api-client';
import { UserSelect } from '@/features/lookups/pickers';
import { useSetRoleHolder, type AccountDetail } from '../api';

export function RolesWidget({ account, canEdit }: { account: AccountDetail; canEdit: boolean }) {
  const setHolder = useSetRoleHolder(account.id);
  return (
    <Card withBorder component="section" aria-labelledby="roles-title">
      <Title order={2} size="h5" id="roles-title" mb="xs">
        Account assignment
      </Title>
      {account.roleHolders.length === 0 ? (
        <Text size="sm" c="dimmed">
          No account roles are defined (Settings → Roles).
        </Text>
      ) : (
        <Stack gap="xs">
          {account.roleHolders.map((r) => (
            <UserSelect
              key={r.roleId}
              label={r.roleName}
              clearable
              placeholder="Unassigned"
              disabled={!canEdit || setHolder.isPending}
              value={r.user?.id ?? null}
              onChange={(userId) =>
                setHolder.mutate(
                  { roleId: r.roleId, userId },
                  {
                    onSuccess: (res) =>
                      notifications.show({
                        color: 'teal',
                        title: `${r.roleName} updated`,
                        message: res.movedTasks
                          ? `${res.movedTasks} open task${res.movedTasks === 1 ? '' : 's'} moved to the new holder.`
                          : 'No tasks were moved.',
                      }),
                    onError: (e) =>
                      notifications.show({
                        color: 'red',
                        title: 'Could not change the role',
                        message: errorMessage(e),
                      }),
                  },
                )
              }
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}
