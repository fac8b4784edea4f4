import type { RunStatus } from '@automations/domain';
import type { ApprovalStatus } from '@automations/persistence';
import type { LiveUpdateSink } from './live-updates';
import type { ChangedApproval, ChangedRun, RunChangeListener } from './run-change-listener';

/** Turns committed run and approval changes into live updates for the agency's screens. */
export class LiveRunChangeListener implements RunChangeListener {
  constructor(private readonly sink: LiveUpdateSink) {}

  runChanged(run: ChangedRun, status: RunStatus): Promise<void> {
    return this.sink.publish({
      type: 'run.changed',
      agencyId: run.agencyId,
      runId: run.id,
      workflowId: run.workflowId,
      clientId: run.clientId,
      status,
    });
  }

  approvalChanged(approval: ChangedApproval, status: ApprovalStatus): Promise<void> {
    return this.sink.publish({
      type: 'approval.changed',
      agencyId: approval.agencyId,
      approvalId: approval.id,
      runId: approval.runId,
      status,
    });
  }
}
