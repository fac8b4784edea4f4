import type { ClientHealth, TaskPriority, TriggerType } from '../constants/workflow.constants';

export interface StageChangeTriggerConfig {
  toStage: string;
  fromStage?: string;
}

export interface InactivityTriggerConfig {
  days: number;
}

export type KpiThresholdOperator = 'above' | 'below' | 'equals';

export interface KpiThresholdTriggerConfig {
  metric: string;
  operator: KpiThresholdOperator;
  value: number;
}

export type MessagePlatform = 'slack' | 'gmail' | 'any';

export interface NewMessageTriggerConfig {
  platform: MessagePlatform;
  contains?: string;
}

export interface TicketCreatedTriggerConfig {
  category?: string;
  priority?: TaskPriority;
}

export interface ScheduledClientFilter {
  stages?: string[];
  health?: ClientHealth[];
}

export interface ScheduledTriggerConfig {
  cron: string;
  timezone: string;
  clientFilter?: ScheduledClientFilter;
}

export interface TriggerConfigByType {
  stage_change: StageChangeTriggerConfig;
  inactivity: InactivityTriggerConfig;
  kpi_threshold: KpiThresholdTriggerConfig;
  new_message: NewMessageTriggerConfig;
  ticket_created: TicketCreatedTriggerConfig;
  scheduled: ScheduledTriggerConfig;
}

export type TriggerConfig = TriggerConfigByType[TriggerType];
