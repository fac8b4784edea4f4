import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { AgencySettings } from '../components/settings/AgencySettings';
import { ApiKeysSettings } from '../components/settings/ApiKeysSettings';
import { IntegrationsSettings } from '../components/settings/IntegrationsSettings';
import { UsersSettings } from '../components/settings/UsersSettings';

export interface SettingsSection {
  /** Below /settings */
  path: string;
  label: string;
  /** Who sees the section (the API enforces the same). */
  minRole: Role;
  element: ReactNode;
}

export const SETTINGS_SECTIONS: SettingsSection[] = [
  { path: 'integrations', label: 'Integrations', minRole: 'manager', element: <IntegrationsSettings /> },
  { path: 'users', label: 'Users and roles', minRole: 'manager', element: <UsersSettings /> },
  { path: 'api-keys', label: 'API keys', minRole: 'admin', element: <ApiKeysSettings /> },
  { path: 'agency', label: 'Agency and quotas', minRole: 'manager', element: <AgencySettings /> },
];
