import type { ActionType, AlertSeverity, ClientHealth, TaskPriority } from '../constants/workflow.constants';

export interface CreateTaskActionConfig {
  title: string;
  description?: string;
  priority: TaskPriority;
  dueInDays?: number;
  /** `client_assignee` or the uuid of a user of the agency. */
  assignee?: string;
}

export type NotificationChannel = 'slack' | 'email';

export interface SendNotificationActionConfig {
  channel: NotificationChannel;
  /** Slack channel/user ids for `slack`; email addresses or user uuids for `email`. */
  recipients: string[];
  subject?: string;
  message: string;
}

export type DraftPlatform = 'email' | 'slack';
export type DraftTone = 'friendly' | 'professional' | 'formal' | 'casual' | 'empathetic';

export interface DraftCommunicationActionConfig {
  platform: DraftPlatform;
  tone: DraftTone;
  template: string;
}

export interface CreateTicketActionConfig {
  title: string;
  description?: string;
  priority: TaskPriority;
  category: string;
}

export interface UpdateClientActionConfig {
  stage?: string;
  health?: ClientHealth;
  assigneeId?: string;
}

export interface AddAlertActionConfig {
  title: string;
  message?: string;
  severity: AlertSeverity;
}

export interface ActionConfigByType {
  create_task: CreateTaskActionConfig;
  send_notification: SendNotificationActionConfig;
  draft_communication: DraftCommunicationActionConfig;
  create_ticket: CreateTicketActionConfig;
  update_client: UpdateClientActionConfig;
  add_alert: AddAlertActionConfig;
}

export type ActionConfig = ActionConfigByType[ActionType];
