import { RUN_STATUSES as DOMAIN_RUN_STATUSES } from '@automations/domain/constants';
import type { RunStatus, StepStatus } from '../api/types';

type AnyStatus = RunStatus | StepStatus;

/** Every run status, in the order a filter lists them (PRODUCT.md §1). */
export const RUN_STATUSES: readonly RunStatus[] = DOMAIN_RUN_STATUSES;

const LABELS: Record<AnyStatus, string> = {
  pending: 'Pending',
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting',
  awaiting_approval: 'Awaiting approval',
  completed: 'Completed',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
};

const COLORS: Record<AnyStatus, string> = {
  pending: 'gray',
  queued: 'gray',
  running: 'blue',
  waiting: 'cyan',
  awaiting_approval: 'yellow',
  completed: 'green',
  failed: 'red',
  skipped: 'gray',
  cancelled: 'gray',
  rejected: 'orange',
};

export function statusLabel(status: AnyStatus): string {
  return LABELS[status] ?? status;
}

export function statusColor(status: AnyStatus): string {
  return COLORS[status] ?? 'gray';
}
