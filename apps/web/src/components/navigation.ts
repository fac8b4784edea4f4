import type { Role } from '../api/types';

export interface NavItem {
  label: string;
  to: string;
  /** Lowest role that sees the entry; everyone when absent. */
  minRole?: Role;
  /** Active on exactly `to`, or on every path under it. */
  exact?: boolean;
}

/**
 * The main navigation. Pages that change things are listed only for roles allowed to use them
 * (approve buttons, settings: admins; editing: managers and admins). Add run history,
 * approvals, analytics and settings here as they land.
 */
export const NAV_ITEMS: NavItem[] = [
  { label: 'Automations', to: '/', exact: true },
  { label: 'New automation', to: '/automations/new', minRole: 'manager', exact: true },
];
