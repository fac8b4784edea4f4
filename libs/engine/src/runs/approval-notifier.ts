import type { DataSource } from 'typeorm';
import { emittedErrors } from '@automations/persistence';
import type { IntegrationSettingsLoader } from '../context/integration-settings.loader';
import type { EmailSender } from '../integrations/email-sender';
import type { SlackNotifier } from '../integrations/slack-notifier';
import { AdminNotifier } from '../notifications/admin-notifier';

export interface ApprovalRequest {
  agencyId: string;
  runId: string;
  stepId: string;
  actionType: string;
  workflowName: string;
  clientName: string;
  /** Set when the approval decides a draft written before it (PRODUCT §8.7). */
  draft?: { platform: string };
}

/** An approval that timed out (its run is rejected with reason `timeout`). */
export interface ApprovalExpiry {
  agencyId: string;
  runId: string;
  stepId: string;
  actionType: string;
}

/**
 * Tells an agency's admins that a step waits for their approval, or that an approval expired, on Slack
 * (the integration's default channel) and by email (when email is configured), besides the in-app
 * notification written with the decision. Best effort: a failed message never blocks or fails the run.
 */
export class ApprovalNotifier {
  private readonly admins: AdminNotifier;

  constructor(
    private readonly dataSource: DataSource,
    integrations: IntegrationSettingsLoader,
    slack: SlackNotifier,
    email: EmailSender,
  ) {
    this.admins = new AdminNotifier({ integrations, slack, email });
  }

  async notify(request: ApprovalRequest): Promise<void> {
    const text = request.draft
      ? `Approval needed: "${request.workflowName}" drafted ${request.draft.platform === 'slack' ? 'a Slack message' : 'an email'} for ${request.clientName}; read, edit and approve it in the approval queue (run ${request.runId}).`
      : `Approval needed: "${request.workflowName}" wants to run ${request.actionType} for ${request.clientName} (run ${request.runId}).`;
    await this.send(request.agencyId, text, 'Automation approval needed');
  }

  /** PRODUCT.md §5: an approval past its timeout is auto-rejected and the admins are told, on the same channels as the request. */
  async notifyExpired(expiry: ApprovalExpiry): Promise<void> {
    const [names]: { workflow_name: string; client_name: string | null }[] = await this.dataSource.query(
      `SELECT w.name AS workflow_name, coalesce(r.client_snapshot #>> '{client,name}', c.name) AS client_name
         FROM workflow_runs r JOIN workflows w ON w.id = r.workflow_id LEFT JOIN clients c ON c.id = r.client_id
        WHERE r.id = $1 AND r.agency_id = $2`,
      [expiry.runId, expiry.agencyId],
    );
    if (!names) return;
    const text = `Approval expired: "${names.workflow_name}" waited too long for approval to run ${expiry.actionType} for ${names.client_name ?? 'a client'}; the run was rejected (timeout) (run ${expiry.runId}).`;
    await this.send(expiry.agencyId, text, 'Automation approval expired');
  }

  /** Slack and email side by side; each failure is logged (rate-limited), never thrown. */
  private async send(agencyId: string, text: string, subject: string): Promise<void> {
    const results = await this.admins.notifyOutside(this.dataSource.manager, { agencyId, text, subject });
    for (const result of results)
      if (result.status === 'rejected') emittedErrors.report('engine:approval-notifier', result.reason);
  }
}
