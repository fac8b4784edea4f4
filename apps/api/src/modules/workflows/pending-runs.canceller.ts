import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { cancelParkedRuns, LiveRunChangeListener, type CancelledRuns } from '@automations/engine';

/**
 * Cancels a disabled or deleted workflow's parked runs and closes their pending approvals (in the caller's
 * transaction), then, after the commit, announces both on the live stream like the engine's own changes.
 */
@Injectable()
export class PendingRunsCanceller {
  constructor(@Inject(LiveRunChangeListener) private readonly changes: LiveRunChangeListener) {}

  cancel(manager: EntityManager, agencyId: string, workflowId: string, reason: string): Promise<CancelledRuns> {
    return cancelParkedRuns(manager, agencyId, workflowId, reason);
  }

  /** Call after the commit: each closed approval as rejected, then each run as cancelled. Never throws. */
  async announce(cancelled: CancelledRuns): Promise<void> {
    for (const approval of cancelled.approvals) await this.changes.approvalChanged(approval, 'rejected');
    for (const run of cancelled.runs) await this.changes.runChanged(run, 'cancelled');
  }
}
