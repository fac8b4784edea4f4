import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './components/AppLayout';
import { RouteError } from './components/RouteError';
import { LoginPage } from './pages/LoginPage';
import { WorkflowsPage } from './pages/WorkflowsPage';

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireAuth />,
        children: [{ element: <AppLayout />, children: [{ index: true, element: <WorkflowsPage /> }] }],
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
];
