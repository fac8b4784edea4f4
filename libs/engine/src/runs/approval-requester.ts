import type { DataSource, EntityManager } from 'typeorm';
import { renderStepConfig, type ActionStep } from '@automations/domain';
import { ApprovalEntity, emittedErrors, entityPatch } from '@automations/persistence';
import type { StepEffect } from '../actions/action-executor';
import { templateContextOf } from '../context/client-snapshot';
import type { RunChangeListener } from '../live/run-change-listener';
import { AdminNotifier } from '../notifications/admin-notifier';
import type { ApprovalNotifier } from './approval-notifier';
import { stepRow, type Drive } from './run-drive';
import type { StepRow } from './run-lease';
import type { RunStateWriter } from './run-state-writer';

export interface ApprovalRequesterOptions {
  approvalTimeoutMinutes: number;
}

/**
 * Parks a run for an approval of one of its steps: the step `awaiting_approval`, the pending approval and the admins'
 * in-app notices commit with the park, fenced by the lease; then the live changes and the admins' Slack and email
 * notices (best effort).
 */
export class ApprovalRequester {
  private readonly admins = new AdminNotifier();

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: RunStateWriter,
    private readonly options: ApprovalRequesterOptions,
    private readonly changes: RunChangeListener | null,
    private readonly approvalNotifier: ApprovalNotifier | null,
  ) {}

  /** An action (other than a draft) asks for approval before it runs. */
  async request(drive: Drive, step: ActionStep): Promise<void> {
    const { run, snapshot } = drive;
    const renderedConfig = renderStepConfig(step, templateContextOf(snapshot, drive.trigger, run.workflow.name));
    const approvalId = await this.dataSource.transaction(async (manager) => {
      await this.writer.park(manager, run, 'awaiting_approval', null);
      await this.writer.writeSteps(manager, [
        ...drive.pending,
        stepRow(drive, step.id, step.type, { status: 'awaiting_approval', input: renderedConfig }),
      ]);
      return this.insertApproval(manager, drive, step, renderedConfig, null);
    });
    drive.pending = [];
    await this.announce(drive, step, approvalId);
  }

  /**
   * A draft written before its approval: the draft (inserted by `effectOf`), the step `awaiting_approval` with the
   * draft in its output, the run parked and the approval pointing at the draft commit together, fenced by the lease —
   * a worker that dies before this commit leaves no draft behind, and the draft exists once per run and step.
   */
  async parkForApproval(
    drive: Drive,
    step: ActionStep,
    attempt: StepRow,
    effectOf: (manager: EntityManager) => Promise<StepEffect>,
  ): Promise<StepEffect> {
    const { run } = drive;
    let effect: StepEffect | undefined;
    const approvalId = await this.dataSource.transaction(async (manager) => {
      await this.writer.park(manager, run, 'awaiting_approval', null);
      effect = await effectOf(manager);
      await this.writer.writeSteps(manager, [
        ...drive.pending,
        { ...attempt, status: 'awaiting_approval', output: effect.output, error: null },
      ]);
      return this.insertApproval(manager, drive, step, attempt.input ?? {}, String(effect.output.draftId));
    });
    drive.pending = [];
    drive.executed += 1;
    await this.announce(drive, step, approvalId, true);
    return effect!;
  }

  /** The pending approval and the admins' in-app notices, inside the parking transaction. */
  private async insertApproval(
    manager: EntityManager,
    drive: Drive,
    step: ActionStep,
    renderedConfig: Record<string, unknown>,
    draftId: string | null,
  ): Promise<string> {
    const { run, snapshot } = drive;
    const workflowName = run.workflow.name;
    const approval = await manager.insert(
      ApprovalEntity,
      entityPatch<ApprovalEntity>({
        agencyId: run.agencyId,
        runId: run.id,
        stepId: step.id,
        actionType: step.type,
        renderedConfig,
        status: 'pending',
        draftId,
        expiresAt: new Date(Date.now() + this.options.approvalTimeoutMinutes * 60_000),
      }),
    );
    await this.admins.notifyInApp(manager, {
      agencyId: run.agencyId,
      clientId: run.clientId,
      runId: run.id,
      workflowId: run.workflowId,
      stepId: step.id,
      subject: 'Approval required',
      message: draftId
        ? `"${workflowName}" wrote a draft for ${snapshot.client.name}: review, edit and approve it in the approval queue.`
        : `"${workflowName}" wants to run ${step.type} for ${snapshot.client.name}: review it in the approval queue.`,
    });
    return approval.identifiers[0].id as string;
  }

  private async announce(drive: Drive, step: ActionStep, approvalId: string, draft = false): Promise<void> {
    const { run, snapshot } = drive;
    const workflowName = run.workflow.name;
    await this.changes?.runChanged(run, 'awaiting_approval');
    await this.changes?.approvalChanged({ id: approvalId, agencyId: run.agencyId, runId: run.id }, 'pending');
    await this.approvalNotifier
      ?.notify({
        agencyId: run.agencyId,
        runId: run.id,
        stepId: step.id,
        actionType: step.type,
        workflowName,
        clientName: snapshot.client.name,
        ...(draft ? { draft: { platform: String((step.config as { platform?: unknown }).platform ?? 'email') } } : {}),
      })
      .catch((error: unknown) => emittedErrors.report('engine:approval-notifier', error));
  }
}
