import type { ActorType } from '@automations/persistence';
import type { Principal } from './principal';

export interface Actor {
  actorType: ActorType;
  actorId: string | null;
}

export const SYSTEM_ACTOR: Actor = { actorType: 'system', actorId: null };

export function actorOf(principal: Principal): Actor {
  return { actorType: principal.actorType, actorId: principal.actorId };
}

/** Columns like created_by_user_id / created_by_api_key_id for a principal. */
export function authorColumns(principal: Principal): { userId: string | null; apiKeyId: string | null } {
  return { userId: principal.userId, apiKeyId: principal.apiKeyId };
}
