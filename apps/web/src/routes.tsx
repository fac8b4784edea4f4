import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './components/AppLayout';
import { LoadingState } from './components/LoadingState';
import { RouteError } from './components/RouteError';
import { ApprovalQueuePage } from './pages/ApprovalQueuePage';
import { AutomationPage } from './pages/AutomationPage';
import { AutomationsDashboardPage } from './pages/AutomationsDashboardPage';
import { ClientDetailPage } from './pages/ClientDetailPage';
import { ClientsPage } from './pages/ClientsPage';
import { EventDetailPage } from './pages/EventDetailPage';
import { EventsPage } from './pages/EventsPage';
import { ExecutionHistoryPage } from './pages/ExecutionHistoryPage';
import { LoginPage } from './pages/LoginPage';
import { SettingsPage } from './pages/SettingsPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { SETTINGS_SECTIONS } from './pages/settingsSections';

// The builder brings the JSON Schema and cron libraries, analytics the chart library: load them on use.
const AutomationBuilderPage = lazy(() =>
  import('./pages/AutomationBuilderPage').then((module) => ({ default: module.AutomationBuilderPage })),
);
// A template's detail draws its flow (React Flow) and its schedule in words (the cron library).
const TemplateDetailPage = lazy(() =>
  import('./pages/TemplateDetailPage').then((module) => ({ default: module.TemplateDetailPage })),
);
const PerformanceAnalyticsPage = lazy(() =>
  import('./pages/PerformanceAnalyticsPage').then((module) => ({ default: module.PerformanceAnalyticsPage })),
);

const suspended = (element: ReactNode, label: string) => (
  <Suspense fallback={<LoadingState label={label} />}>{element}</Suspense>
);
const builder = suspended(<AutomationBuilderPage />, 'Loading builder…');

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
              { path: 'automations/:id', element: <AutomationPage /> },
              { path: 'automations/:id/edit', element: builder },
              { path: 'templates', element: <TemplatesPage /> },
              { path: 'templates/:id', element: suspended(<TemplateDetailPage />, 'Loading template…') },
              { path: 'runs', element: <ExecutionHistoryPage /> },
              { path: 'runs/:id', element: <ExecutionHistoryPage /> },
              { path: 'approvals', element: <ApprovalQueuePage /> },
              { path: 'analytics', element: suspended(<PerformanceAnalyticsPage />, 'Loading analytics…') },
              { path: 'events', element: <EventsPage /> },
              { path: 'events/:id', element: <EventDetailPage /> },
              { path: 'clients', element: <ClientsPage /> },
              { path: 'clients/:id', element: <ClientDetailPage /> },
              {
                path: 'settings',
                element: <SettingsPage />,
                children: [
                  { index: true, element: <Navigate to={SETTINGS_SECTIONS[0].path} replace /> },
                  ...SETTINGS_SECTIONS.map((section) => ({ path: section.path, element: section.element })),
                ],
              },
            ],
          },
        ],
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
];
