import type { Role } from '../api/types';

/** What the signed-in role may do in the SPA (PRODUCT.md §6, Auth). */
export interface Permissions {
  role: Role | null;
  /** Create, edit, toggle, delete, test and retry automations: managers and admins. */
  canEdit: boolean;
  /** Approve or reject pending steps: admins only. */
  canApprove: boolean;
  /** Users, API keys, integrations and agency settings: admins only. */
  canAdminister: boolean;
}

const RANK: Record<Role, number> = { viewer: 0, manager: 1, admin: 2 };

export function hasRole(role: Role | null, minimum: Role): boolean {
  return role !== null && RANK[role] >= RANK[minimum];
}

/** Until the role is known (or when it cannot be loaded) nothing beyond reading is offered. */
export function permissionsOf(role: Role | null): Permissions {
  return {
    role,
    canEdit: hasRole(role, 'manager'),
    canApprove: hasRole(role, 'admin'),
    canAdminister: hasRole(role, 'admin'),
  };
}
