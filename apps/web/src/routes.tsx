import { lazy, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './components/AppLayout';
import { LoadingState } from './components/LoadingState';
import { RouteError } from './components/RouteError';
import { AutomationsDashboardPage } from './pages/AutomationsDashboardPage';
import { LoginPage } from './pages/LoginPage';

// The builder brings the JSON Schema and cron libraries: load it only when someone builds.
const AutomationBuilderPage = lazy(() => import('./pages/AutomationBuilderPage').then((module) => ({ default: module.AutomationBuilderPage })));

const builder = (
  <Suspense fallback={<LoadingState label="Loading builder…" />}>
    <AutomationBuilderPage />
  </Suspense>
);

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <AutomationsDashboardPage /> },
              { path: 'automations/new', element: builder },
              { path: 'automations/:id/edit', element: builder },
            ],
          },
        ],
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
];
