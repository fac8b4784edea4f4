import type { Role } from '../api/types';

export interface NavItem {
  label: string;
  to: string;
  /** Lowest role that sees the entry; everyone when absent. */
  minRole?: Role;
  /** Active on exactly `to`, or on every path under it. */
  exact?: boolean;
  /** Shows the number of pending approvals next to the label. */
  pendingApprovals?: boolean;
}

/**
 * The main navigation. Entries for pages that only change things are listed only for roles
 * allowed to use them; read-only pages (runs, approvals, analytics) are for everyone, and their
 * buttons follow the role (approve: admins; retry: managers).
 */
export const NAV_ITEMS: NavItem[] = [
  { label: 'Automations', to: '/', exact: true },
  { label: 'New automation', to: '/automations/new', minRole: 'manager', exact: true },
  { label: 'Templates', to: '/templates' },
  { label: 'Runs', to: '/runs' },
  { label: 'Approvals', to: '/approvals', pendingApprovals: true },
  { label: 'Analytics', to: '/analytics' },
  { label: 'Events', to: '/events' },
  { label: 'Clients', to: '/clients' },
  { label: 'Settings', to: '/settings', minRole: 'manager' },
];
