import type { EntityManager } from 'typeorm';
import { escapeTemplateValue } from '@automations/domain';
import { NotificationEntity, UserEntity } from '@automations/persistence';
import type { IntegrationSettingsLoader } from '../context/integration-settings.loader';
import type { EmailSender } from '../integrations/email-sender';
import type { SlackNotifier } from '../integrations/slack-notifier';

/** Where admins hear about something outside the app. Without them, an `AdminNotifier` writes in-app notices only. */
export interface AdminChannels {
  integrations: IntegrationSettingsLoader;
  slack: SlackNotifier;
  email: EmailSender;
}

/** An in-app notice, and what it is about (stored on each admin's notification). */
export interface AdminNotice {
  agencyId: string;
  subject: string;
  message: string;
  clientId?: string | null;
  runId?: string | null;
  workflowId?: string | null;
  stepId?: string | null;
  /** Default: when each notice is written. */
  sentAt?: Date;
}

/** A message for the admins outside the app. */
export interface AdminMessage {
  agencyId: string;
  /** Plain text: the Slack message (escaped for Slack here) and the email body. */
  text: string;
  /** The email's subject. */
  subject: string;
  /** When set, each send is kept as a notification with this subject and message and its delivery status. */
  record?: { subject: string; message: string };
}

type OutsideChannel = 'slack' | 'email';

/**
 * Tells an agency's active admins: an in-app notice for each of them (inside the caller's transaction), and a message
 * to the agency's Slack default channel and by email to the admins, each only when that integration is configured.
 */
export class AdminNotifier {
  constructor(private readonly channels: AdminChannels | null = null) {}

  /** The agency's active admins, oldest first. */
  activeAdmins(manager: EntityManager, agencyId: string): Promise<UserEntity[]> {
    return manager
      .getRepository(UserEntity)
      .find({ where: { agencyId, role: 'admin', active: true }, order: { createdAt: 'ASC' } });
  }

  /** An in-app notification for each active admin, written with `manager` (so it commits with the caller's change). */
  async notifyInApp(manager: EntityManager, notice: AdminNotice): Promise<void> {
    const { agencyId, subject, message } = notice;
    for (const admin of await this.activeAdmins(manager, agencyId)) {
      await manager.insert(NotificationEntity, {
        agencyId,
        clientId: notice.clientId ?? null,
        runId: notice.runId ?? null,
        workflowId: notice.workflowId ?? null,
        stepId: notice.stepId ?? null,
        userId: admin.id,
        channel: 'in_app',
        recipients: [admin.email],
        subject,
        message,
        status: 'sent',
        sentAt: notice.sentAt ?? new Date(),
      });
    }
  }

  /**
   * Slack and email side by side, each only when configured. Never throws: a channel that could not be reached is a
   * rejected entry of the answer (with `record`, a failed send is kept on its notification instead).
   */
  async notifyOutside(manager: EntityManager, message: AdminMessage): Promise<PromiseSettledResult<void>[]> {
    if (!this.channels) return [];
    return Promise.allSettled([this.toSlack(manager, message), this.toEmail(manager, message)]);
  }

  private async toSlack(manager: EntityManager, message: AdminMessage): Promise<void> {
    const { integrations, slack } = this.channels!;
    const settings = await integrations.load(message.agencyId, 'slack');
    const channel = typeof settings?.settings.defaultChannel === 'string' ? settings.settings.defaultChannel : '';
    const token = settings?.secret;
    if (!token || !channel) return;
    await this.send(manager, message, 'slack', [channel], () =>
      slack.send({ token, channel, text: escapeTemplateValue(message.text, 'slack') }),
    );
  }

  private async toEmail(manager: EntityManager, message: AdminMessage): Promise<void> {
    const { integrations, email } = this.channels!;
    const settings = await integrations.load(message.agencyId, 'email');
    if (!settings) return;
    const to = (await this.activeAdmins(manager, message.agencyId)).map((admin) => admin.email);
    if (to.length === 0) return;
    const from = typeof settings.settings.fromAddress === 'string' ? settings.settings.fromAddress : undefined;
    await this.send(manager, message, 'email', to, () =>
      email.send({ smtpUrl: settings.secret ?? undefined, from, to, subject: message.subject, text: message.text }),
    );
  }

  /** Sends; with `record`, keeps the send as a notification (`sending` before the call, then `sent` or `failed` with the error). */
  private async send(
    manager: EntityManager,
    message: AdminMessage,
    channel: OutsideChannel,
    recipients: string[],
    send: () => Promise<unknown>,
  ): Promise<void> {
    if (!message.record) {
      await send();
      return;
    }
    const notifications = manager.getRepository(NotificationEntity);
    const record = await notifications.save(
      notifications.create({
        agencyId: message.agencyId,
        channel,
        recipients,
        subject: message.record.subject,
        message: message.record.message,
        status: 'sending',
      }),
    );
    try {
      await send();
      await notifications.update({ id: record.id }, { status: 'sent', sentAt: new Date() });
    } catch (error) {
      const failure =
        error instanceof Error
          ? { code: (error as { code?: string }).code ?? 'send_failed', message: error.message }
          : { code: 'send_failed', message: String(error) };
      await notifications.update({ id: record.id }, { status: 'failed', error: failure });
    }
  }
}
