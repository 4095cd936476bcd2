import { useEffect } from 'react';
import { Center, Loader, Alert } from '@mantine/core';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { setUnauthenticatedHandler, errorMessage } from '@/lib/api-client';
import { LoginPage } from '@/features/auth/LoginPage';
import { meKey, useMe } from '@/features/auth/api';
import { RequireRole } from '@/components/RequireRole';
import { screenRole, type Role } from '@/lib/roles';
import { AppLayout } from './layout/AppLayout';
import { NotFound } from './NotFound';
import { RouteError } from './RouteError';

/** The screens under it only for `role` and above (the role table in lib/roles.ts says which). */
function ForRole({ role }: { role: Role }) {
  const { data: me } = useMe();
  return <RequireRole role={role} userRole={me?.role} />;
}

const router = createBrowserRouter([
  {
    element: <AppLayout />,
    // The frame itself (e.g. a quick-action dialog's code) failing: the same page, without the frame.
    errorElement: <RouteError />,
    children: [
      {
        // A page that fails shows it inside the app's frame, with the navigation still there.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/portfolio" replace /> },
          { path: 'login', element: <Navigate to="/portfolio" replace /> },
          {
            path: 'portfolio',
            lazy: () =>
              import('@/features/portfolio/PortfolioPage').then((m) => ({
                Component: m.PortfolioPage,
              })),
          },
          {
            path: 'accounts',
            lazy: () =>
              import('@/features/accounts/routes/AccountsPage').then((m) => ({
                Component: m.AccountsPage,
              })),
          },
          {
            path: 'accounts/:id',
            lazy: () =>
              import('@/features/accounts/routes/AccountProfilePage').then((m) => ({
                Component: m.AccountProfilePage,
              })),
          },
          {
            path: 'tasks',
            lazy: () =>
              import('@/features/tasks/routes/TasksCollectionPage').then((m) => ({
                Component: m.TasksCollectionPage,
              })),
          },
          {
            path: 'tasks/:id/form',
            lazy: () =>
              import('@/features/tasks/routes/RequestInfoFormPage').then((m) => ({
                Component: m.RequestInfoFormPage,
              })),
          },
          {
            path: 'segments',
            lazy: () =>
              import('@/features/segments/routes/SegmentsPage').then((m) => ({
                Component: m.SegmentsPage,
              })),
          },
          {
            path: 'segments/:id',
            lazy: () =>
              import('@/features/segments/routes/SegmentPage').then((m) => ({
                Component: m.SegmentPage,
              })),
          },
          {
            element: <ForRole role={screenRole('/plays')} />,
            children: [
              {
                path: 'plays',
                lazy: () =>
                  import('@/features/plays/routes/PlaysPage').then((m) => ({
                    Component: m.PlaysPage,
                  })),
              },
              {
                path: 'plays/:id',
                lazy: () =>
                  import('@/features/plays/routes/PlayPage').then((m) => ({
                    Component: m.PlayPage,
                  })),
              },
            ],
          },
          {
            element: <ForRole role={screenRole('/templates')} />,
            children: [
              {
                path: 'templates',
                lazy: () =>
                  import('@/features/templates/routes/TemplatesPage').then((m) => ({
                    Component: m.TemplatesPage,
                  })),
              },
            ],
          },
          {
            path: 'spotlight',
            lazy: () =>
              import('@/features/spotlight/routes/SpotlightPage').then((m) => ({
                Component: m.SpotlightPage,
              })),
          },
          {
            element: <ForRole role={screenRole('/webhooks')} />,
            children: [
              {
                path: 'webhooks',
                lazy: () =>
                  import('@/features/webhooks/routes/WebhookDeliveriesPage').then((m) => ({
                    Component: m.WebhookDeliveriesPage,
                  })),
              },
            ],
          },
          {
            element: <ForRole role={screenRole('/settings')} />,
            children: [
              {
                path: 'settings/*',
                lazy: () =>
                  import('@/features/settings/routes/SettingsPage').then((m) => ({
                    Component: m.SettingsPage,
                  })),
              },
            ],
          },
          {
            path: 'profile',
            lazy: () =>
              import('@/features/profile/ProfilePage').then((m) => ({ Component: m.ProfilePage })),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

/** Signed out → the sign-in page at whatever address was asked for; signed in → the app. */
export function AppRouter() {
  const me = useMe();
  const qc = useQueryClient();
  useEffect(() => setUnauthenticatedHandler(() => qc.setQueryData(meKey, null)), [qc]);
  if (me.isPending)
    return (
      <Center mih="100vh" role="status" aria-label="Loading">
        <Loader />
      </Center>
    );
  if (me.isError)
    return (
      <Center mih="100vh">
        <Alert color="red" role="alert">
          {errorMessage(me.error)}
        </Alert>
      </Center>
    );
  if (!me.data) return <LoginPage />;
  return <RouterProvider router={router} />;
}
