import type { RunStatus } from '@automations/domain';
import type { ApprovalStatus } from '@automations/persistence';

export interface ChangedRun {
  id: string;
  agencyId: string;
  workflowId: string;
  clientId: string;
}

export interface ChangedApproval {
  id: string;
  agencyId: string;
  runId: string;
}

/** Told about run and approval state changes after they commit; never throws (see LiveRunChangeListener). */
export interface RunChangeListener {
  runChanged(run: ChangedRun, status: RunStatus): Promise<void>;
  approvalChanged(approval: ChangedApproval, status: ApprovalStatus): Promise<void>;
}
