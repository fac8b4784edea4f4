import type { DataSource } from 'typeorm';
import { UserEntity } from '@automations/persistence';
import type { IntegrationSettingsLoader } from '../context/integration-settings.loader';
import type { EmailSender } from '../integrations/email-sender';
import type { SlackNotifier } from '../integrations/slack-notifier';

export interface ApprovalRequest {
  agencyId: string;
  runId: string;
  stepId: string;
  actionType: string;
  workflowName: string;
  clientName: string;
}

/**
 * Tells an agency's admins that a step waits for their approval on Slack (the integration's default
 * channel) and by email (when email is configured), besides the in-app notification the executor
 * writes. Best effort: a failed message never blocks or fails the run.
 */
export class ApprovalNotifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly integrations: IntegrationSettingsLoader,
    private readonly slack: SlackNotifier,
    private readonly email: EmailSender,
  ) {}

  async notify(request: ApprovalRequest): Promise<void> {
    const text = `Approval needed: "${request.workflowName}" wants to run ${request.actionType} for ${request.clientName} (run ${request.runId}).`;
    await Promise.allSettled([this.toSlack(request.agencyId, text), this.toEmail(request.agencyId, text)]);
  }

  private async toSlack(agencyId: string, text: string): Promise<void> {
    const slack = await this.integrations.load(agencyId, 'slack');
    const channel = slack?.settings.defaultChannel as string | undefined;
    if (!slack?.secret || !channel) return;
    await this.slack.send({ token: slack.secret, channel, text: text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') });
  }

  private async toEmail(agencyId: string, text: string): Promise<void> {
    const email = await this.integrations.load(agencyId, 'email');
    if (!email) return;
    const admins = await this.dataSource.getRepository(UserEntity).find({ where: { agencyId, role: 'admin', active: true } });
    if (admins.length === 0) return;
    const fromAddress = email.settings.fromAddress as string | undefined;
    await this.email.send({ smtpUrl: email.secret ?? undefined, from: fromAddress, to: admins.map((admin) => admin.email), subject: 'Automation approval needed', text });
  }
}
