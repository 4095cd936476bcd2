// Screens a role cannot use show a plain "not for your role" page, never the screen with failing calls.
import type { ReactNode } from 'react';
import { Button, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet } from 'react-router';
import { client, ok } from '@/lib/api-client';
import { hasRole, whoMay, type Role } from '@/lib/roles';

/** The workspace's name, readable by every signed-in user. */
function useWorkspaceName() {
  return useQuery({
    queryKey: ['workspace'],
    queryFn: () => ok<{ name: string }>(client.GET('/api/v1/workspace')),
    select: (w) => w.name,
  });
}

export function NotForYourRole({ role }: { role: Role }) {
  const workspace = useWorkspaceName();
  return (
    <Stack align="flex-start" maw={560} py="xl">
      <Title order={1} size="h2">
        Not available for your role
      </Title>
      <Text>
        This page is for {whoMay(role)} — ask an admin of {workspace.data ?? 'your workspace'} if
        you need it changed.
      </Text>
      <Button component={Link} to="/portfolio" variant="default">
        Go to My Portfolio
      </Button>
    </Stack>
  );
}

/** Renders its children (or the nested route) only when `userRole` is `role` or above. */
export function RequireRole({
  role,
  userRole,
  children,
}: {
  role: Role;
  userRole: Role | null | undefined;
  children?: ReactNode;
}) {
  if (!hasRole(userRole, role)) return <NotForYourRole role={role} />;
  return children ?? <Outlet />;
}
