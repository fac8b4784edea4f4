import type { ActorType } from '@automations/persistence';

/** Who moved a run: a user, an API key, or the system (timeouts, recovery). */
export interface RunActor {
  actorType: ActorType;
  actorId: string | null;
  userId: string | null;
  apiKeyId: string | null;
}

export const SYSTEM_RUN_ACTOR: RunActor = { actorType: 'system', actorId: null, userId: null, apiKeyId: null };
