import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuthToken } from './useAuthToken';

export interface LoginLocationState {
  /** Where to go back to after signing in. */
  from?: string;
}

/** Route guard: renders the child routes when signed in, otherwise redirects to /login. */
export function RequireAuth() {
  const token = useAuthToken();
  const location = useLocation();
  if (!token) {
    const state: LoginLocationState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}
