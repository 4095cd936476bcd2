import { useState } from 'react';
import {
  AppShell,
  Burger,
  Group,
  Menu,
  NavLink,
  ActionIcon,
  Text,
  Avatar,
  UnstyledButton,
  VisuallyHidden,
  Tooltip,
  Box,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterNavLink, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { useLogout, useMe } from '@/features/auth/api';
import { hasRole, SCREENS } from '@/lib/roles';
import { roleLabel } from '@/lib/labels';
import { TaskPanel } from '@/features/tasks/components/TaskPanel';
import { QuickActionsProvider, useQuickActions } from '../quick-actions';
import { CalendarFeedDialog } from '@/features/calendar/CalendarFeedDialog';
import { DigestDialog } from '@/features/digest/DigestDialog';
import { useLiveUpdates } from '@/features/live';
import { FeedBell } from '@/features/feed';
import { GlobalSearch } from '@/features/search';

const nav = SCREENS.filter((s) => s.nav);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function QuickAdd() {
  const { addTask, requestInfo, logTouchpoint } = useQuickActions();
  // On an account page the "+" works on that account, as the page's own buttons do.
  const accountId = useMatch('/accounts/:id')?.params.id;
  const opts = accountId && uuid.test(accountId) ? { accountId } : undefined;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Tooltip label="Quick actions">
          <ActionIcon size="lg" radius="xl" variant="filled" aria-label="Quick actions">
            <span aria-hidden style={{ fontSize: 22, lineHeight: 1 }}>
              +
            </span>
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => addTask(opts)}>Add task</Menu.Item>
        <Menu.Item onClick={() => requestInfo(opts)}>Request information</Menu.Item>
        <Menu.Item onClick={() => logTouchpoint(opts)}>Log touchpoint</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function UserMenu() {
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const [calendar, setCalendar] = useState(false);
  const [digest, setDigest] = useState(false);
  return (
    <>
      {calendar && <CalendarFeedDialog onClose={() => setCalendar(false)} />}
      {digest && <DigestDialog onClose={() => setDigest(false)} />}
      <Menu position="bottom-end">
        <Menu.Target>
          <UnstyledButton>
            <Group gap="xs" wrap="nowrap">
              <Avatar size="sm" radius="xl" color="indigo" aria-hidden>
                {me?.name.slice(0, 1)}
              </Avatar>
              {/* On a phone the avatar alone (the header's icons must fit on one line); the name stays in the button's name. */}
              <Text size="sm" visibleFrom="sm">
                {me?.name}
              </Text>
              <VisuallyHidden hiddenFrom="sm">{me?.name}</VisuallyHidden>
              <VisuallyHidden> — account menu</VisuallyHidden>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {me?.email} · {me ? roleLabel(me.role) : ''}
          </Menu.Label>
          <Menu.Item component={RouterNavLink} to="/profile">
            Profile
          </Menu.Item>
          <Menu.Item onClick={() => setCalendar(true)}>Calendar feed…</Menu.Item>
          <Menu.Item onClick={() => setDigest(true)}>Daily digest…</Menu.Item>
          <Menu.Item onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/') })}>
            Log out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const { data: me } = useMe();
  const location = useLocation();
  // Changes by plays, workers and other people reach open screens without a reload.
  useLiveUpdates(Boolean(me));
  return (
    <QuickActionsProvider>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group wrap="nowrap" gap="xs">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
              <Text fw={700} size="lg" component="span">
                Playmaker
              </Text>
            </Group>
            <Group wrap="nowrap" gap="xs">
              <GlobalSearch />
              <FeedBell enabled={Boolean(me)} />
              <QuickAdd />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Main">
          <Box component="nav" aria-label="Main navigation">
            {nav
              .filter((n) => hasRole(me?.role, n.role))
              .map((n) => (
                <NavLink
                  key={n.path}
                  component={RouterNavLink}
                  to={n.path}
                  label={n.label}
                  onClick={close}
                  active={location.pathname.startsWith(n.path)}
                />
              ))}
          </Box>
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
      <TaskPanel />
    </QuickActionsProvider>
  );
}
