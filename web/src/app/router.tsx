import { useEffect } from 'react';
import { Center, Loader, Alert } from '@mantine/core';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { setUnauthenticatedHandler, errorMessage } from '@/lib/api-client';
import { LoginPage } from '@/features/auth/LoginPage';
import { meKey, useMe } from '@/features/auth/api';
import { AppLayout } from './layout/AppLayout';
import { NotFound } from './NotFound';
import { PortfolioPage } from '@/features/portfolio/PortfolioPage';
import { AccountsPage } from '@/features/accounts/routes/AccountsPage';
import { AccountProfilePage } from '@/features/accounts/routes/AccountProfilePage';
import { TasksCollectionPage } from '@/features/tasks/routes/TasksCollectionPage';
import { RequestInfoFormPage } from '@/features/tasks/routes/RequestInfoFormPage';
import { SegmentsPage } from '@/features/segments/routes/SegmentsPage';
import { SegmentPage } from '@/features/segments/routes/SegmentPage';
import { PlaysPage } from '@/features/plays/routes/PlaysPage';
import { PlayPage } from '@/features/plays/routes/PlayPage';
import { TemplatesPage } from '@/features/templates/routes/TemplatesPage';
import { SettingsPage } from '@/features/settings/routes/SettingsPage';
import { SpotlightPage } from '@/features/spotlight/routes/SpotlightPage';
import { WebhookDeliveriesPage } from '@/features/webhooks/routes/WebhookDeliveriesPage';

const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/portfolio" replace /> },
      { path: 'login', element: <Navigate to="/portfolio" replace /> },
      { path: 'portfolio', element: <PortfolioPage /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'accounts/:id', element: <AccountProfilePage /> },
      { path: 'tasks', element: <TasksCollectionPage /> },
      { path: 'tasks/:id/form', element: <RequestInfoFormPage /> },
      { path: 'segments', element: <SegmentsPage /> },
      { path: 'segments/:id', element: <SegmentPage /> },
      { path: 'plays', element: <PlaysPage /> },
      { path: 'plays/:id', element: <PlayPage /> },
      { path: 'templates', element: <TemplatesPage /> },
      { path: 'spotlight', element: <SpotlightPage /> },
      { path: 'webhooks', element: <WebhookDeliveriesPage /> },
      { path: 'settings/*', element: <SettingsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

/** Signed out → the sign-in page at whatever address was asked for; signed in → the app. */
export function AppRouter() {
  const me = useMe();
  const qc = useQueryClient();
  useEffect(() => setUnauthenticatedHandler(() => qc.setQueryData(meKey, null)), [qc]);
  if (me.isPending) return <Center mih="100vh" role="status" aria-label="Loading"><Loader /></Center>;
  if (me.isError) return <Center mih="100vh"><Alert color="red" role="alert">{errorMessage(me.error)}</Alert></Center>;
  if (!me.data) return <LoginPage />;
  return <RouterProvider router={router} />;
}
