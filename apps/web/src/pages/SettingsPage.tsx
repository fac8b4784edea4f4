import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { hasRole } from '../auth/permissions';
import { usePermissions } from '../auth/usePermissions';
import { LoadingState } from '../components/LoadingState';
import { SETTINGS_SECTIONS } from './settingsSections';

/** Settings with one tab per section (`/settings/<section>`), each shown only to the roles that may use it. */
export function SettingsPage() {
  const { role, isPending } = usePermissions();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const sections = SETTINGS_SECTIONS.filter((section) => hasRole(role, section.minRole));
  const current = SETTINGS_SECTIONS.find((section) => pathname.startsWith(`/settings/${section.path}`));

  let body = <Outlet />;
  if (isPending) body = <LoadingState label="Loading…" />;
  // `/settings` itself lands on the first section the role may see.
  else if (!current && sections.length > 0) return <Navigate to={`/settings/${sections[0].path}`} replace />;
  else if (!current || !hasRole(role, current.minRole)) {
    body = (
      <Alert color="gray" title="Not available for your role">
        Your role cannot see this part of the settings.
      </Alert>
    );
  }

  return (
    <Stack gap="md">
      <Title order={2}>Settings</Title>
      <Tabs
        value={current?.path ?? null}
        onChange={(value) => value && navigate(`/settings/${value}`)}
        keepMounted={false}
      >
        <Tabs.List aria-label="Settings sections">
          {sections.map((section) => (
            <Tabs.Tab key={section.path} value={section.path}>
              {section.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {body}
    </Stack>
  );
}
