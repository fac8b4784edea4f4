import type { ClientTriggerState } from '@automations/domain';
import type { ClientSnapshot } from '../context/client-snapshot';
import type { SampleClient } from './preview.types';

/** Placeholder ids of a sample client (it has no row): visible to `client.id` / `client.assigneeId` conditions. */
export const SAMPLE_CLIENT_ID = 'sample-client';
export const SAMPLE_ASSIGNEE_ID = 'sample-assignee';

/** The snapshot a run would hold for a client like the sample, in the given agency. */
export function sampleSnapshot(sample: SampleClient, agency: ClientSnapshot['agency'], now: Date): ClientSnapshot {
  const assignee = sample.assignee
    ? { id: SAMPLE_ASSIGNEE_ID, name: sample.assignee.name, email: sample.assignee.email }
    : null;
  return {
    client: {
      id: SAMPLE_CLIENT_ID,
      name: sample.name,
      stage: sample.stage,
      health: sample.health,
      assigneeId: assignee?.id ?? null,
      lastActivityAt: sample.lastActivityAt ? new Date(sample.lastActivityAt).toISOString() : now.toISOString(),
      deletedAt: null,
      assignee,
    },
    metrics: { ...(sample.metrics ?? {}) },
    agency,
    takenAt: now.toISOString(),
  };
}

/** A sample client's state-form facts: its snapshot, and no message or ticket history. */
export function sampleTriggerState(snapshot: ClientSnapshot): ClientTriggerState {
  return {
    stage: snapshot.client.stage,
    lastActivityAt: new Date(snapshot.client.lastActivityAt),
    latestMetrics: { ...snapshot.metrics },
    recentMessages: [],
    recentTickets: [],
  };
}
