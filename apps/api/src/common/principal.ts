import type { UserRole } from '@automations/domain';
import type { ActorType } from '@automations/persistence';

/** Who is calling: resolved from the credential only, never from the request body. */
export interface Principal {
  agencyId: string;
  role: UserRole;
  actorType: Exclude<ActorType, 'system'>;
  actorId: string;
  userId: string | null;
  apiKeyId: string | null;
}

export const ROLE_RANK: Record<UserRole, number> = { viewer: 0, manager: 1, admin: 2 };
