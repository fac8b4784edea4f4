import { In } from 'typeorm';
import { escapeTemplateValue, isUuid } from '@automations/domain';
import { entityPatch, NotificationEntity, UserEntity } from '@automations/persistence';
import type { IntegrationSettingsLoader } from '../context/integration-settings.loader';
import { PermanentActionError } from '../errors/action-errors';
import type { EmailSender } from '../integrations/email-sender';
import type { SlackNotifier } from '../integrations/slack-notifier';
import type { ActionConfigOf, ActionExecution, ActionExecutor, StepEffect } from './action-executor';
import { stepOrigin } from './step-origin';

type NotificationConfig = ActionConfigOf<'send_notification'>;

/**
 * Internal message over Slack or email. External sends are at-least-once, keyed runId:stepId: the
 * notification row is marked `sending` before the call, and a step whose send already succeeded
 * (a crash after the send, before the commit) is not sent again.
 */
export class SendNotificationAction implements ActionExecutor<'send_notification'> {
  readonly type = 'send_notification' as const;
  readonly effects = 'external' as const;

  constructor(
    private readonly integrations: IntegrationSettingsLoader,
    private readonly slack: SlackNotifier,
    private readonly email: EmailSender,
  ) {}

  async execute(execution: ActionExecution<'send_notification'>): Promise<StepEffect> {
    const { config } = execution;
    const notifications = execution.dataSource.getRepository(NotificationEntity);
    let notification = await notifications.findOne({ where: { runId: execution.runId, stepId: execution.step.id } });
    if (notification?.status !== 'sent') {
      const recipients = await this.resolveRecipients(execution, config);
      notification = await notifications.save({
        ...(notification ?? {}),
        ...stepOrigin(execution),
        userId: null,
        channel: config.channel,
        recipients,
        subject: config.subject ?? null,
        message: config.channel === 'email' ? (config.text ?? config.message) : config.message,
        status: 'sending',
        error: null,
        sentAt: null,
        readAt: null,
      });
      try {
        const delivery =
          config.channel === 'slack'
            ? await this.sendSlack(execution, recipients, config.message)
            : await this.sendEmail(execution, recipients, config);
        await notifications.update(
          { id: notification.id },
          entityPatch<NotificationEntity>({ status: 'sent', sentAt: new Date(), error: { delivery } }),
        );
      } catch (error) {
        await notifications.update(
          { id: notification.id },
          { status: 'failed', error: { message: (error as Error).message } },
        );
        throw error;
      }
    }
    const notificationId = notification.id;
    return execution.commit(async () => ({
      output: { notificationId, channel: config.channel, recipients: notification!.recipients },
    }));
  }

  /** User ids become their email (email channel); every referenced user must be an active user of the agency. */
  private async resolveRecipients(
    execution: ActionExecution<'send_notification'>,
    config: NotificationConfig,
  ): Promise<string[]> {
    const userIds = config.recipients.filter((recipient) => isUuid(recipient));
    if (userIds.length === 0) return config.recipients;
    const users = await execution.dataSource
      .getRepository(UserEntity)
      .find({ where: { id: In(userIds), agencyId: execution.agencyId, active: true } });
    const emailOf = new Map(users.map((user) => [user.id, user.email]));
    const unknown = userIds.filter((id) => !emailOf.has(id));
    if (unknown.length)
      throw new PermanentActionError(
        'permission_denied',
        `Recipient ${unknown[0]} is not an active user of this agency`,
      );
    return config.recipients.map((recipient) => emailOf.get(recipient) ?? recipient);
  }

  private async sendSlack(
    execution: ActionExecution<'send_notification'>,
    channels: string[],
    text: string,
  ): Promise<Record<string, unknown>> {
    const slack = await this.integrations.load(execution.agencyId, 'slack');
    if (!slack?.secret)
      throw new PermanentActionError(
        'integration_missing',
        'Slack is not connected for this agency (Settings → Integrations)',
      );
    const sent = [];
    for (const channel of channels) sent.push(await this.slack.send({ token: slack.secret, channel, text }));
    return { slack: sent };
  }

  private async sendEmail(
    execution: ActionExecution<'send_notification'>,
    to: string[],
    config: NotificationConfig,
  ): Promise<Record<string, unknown>> {
    const email = await this.integrations.load(execution.agencyId, 'email');
    const fromAddress = email?.settings.fromAddress as string | undefined;
    const fromName = email?.settings.fromName as string | undefined;
    const result = await this.email.send({
      smtpUrl: email?.secret ?? undefined,
      from: fromAddress ? (fromName ? `"${fromName.replace(/"/g, '')}" <${fromAddress}>` : fromAddress) : undefined,
      to,
      subject: config.subject ?? `Automation: ${execution.workflowName}`,
      text: config.text ?? config.message,
      // The whole plain-text message is escaped, not only the substituted values: an author's markup stays text too.
      html: `<p>${config.text !== undefined ? escapeTemplateValue(config.text, 'html').replace(/\n/g, '<br>') : config.message.replace(/\n/g, '<br>')}</p>`,
    });
    return { email: result };
  }
}
