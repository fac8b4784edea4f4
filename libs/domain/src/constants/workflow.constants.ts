import type { ConditionOperator } from '../types/workflow-definition.types';

/** Trigger types a workflow can start on (PRODUCT.md §3). */
export const TRIGGER_TYPES = [
  'stage_change',
  'inactivity',
  'kpi_threshold',
  'new_message',
  'ticket_created',
  'scheduled',
] as const;

/** Action types a step can perform (PRODUCT.md §4). */
export const ACTION_TYPES = [
  'create_task',
  'send_notification',
  'draft_communication',
  'create_ticket',
  'update_client',
  'add_alert',
] as const;

/** Domain event types accepted by `POST /events` (PRODUCT.md §6). */
export const EVENT_TYPES = [
  'client.stage_changed',
  'client.activity',
  'kpi.updated',
  'message.received',
  'ticket.created',
] as const;

/** Pipeline stages of a new agency (PRODUCT §8.7); each agency orders and edits its own (`GET/PATCH /agency`). */
export const DEFAULT_PIPELINE_STAGES = ['lead', 'onboarding', 'active', 'at_risk', 'churned'] as const;
/** A pipeline stage name: lowercase letters, digits, `_` or `-`, starting with a letter or digit, at most 64 characters. */
export const PIPELINE_STAGE_NAME_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';
export const MAX_PIPELINE_STAGES = 50;
/** Metrics most agencies track, offered by metric pickers before any is recorded; `unit` is for display. */
export const COMMON_METRICS: readonly { name: string; label: string; unit: string }[] = [
  { name: 'roas', label: 'ROAS', unit: 'ratio' },
  { name: 'cpa', label: 'Cost per acquisition', unit: 'currency' },
  { name: 'ctr', label: 'Click-through rate', unit: 'percent' },
  { name: 'spend', label: 'Spend', unit: 'currency' },
  { name: 'conversions', label: 'Conversions', unit: 'count' },
  { name: 'revenue', label: 'Revenue', unit: 'currency' },
  { name: 'cpc', label: 'Cost per click', unit: 'currency' },
  { name: 'cpm', label: 'Cost per 1,000 impressions', unit: 'currency' },
  { name: 'impressions', label: 'Impressions', unit: 'count' },
  { name: 'clicks', label: 'Clicks', unit: 'count' },
  { name: 'leads', label: 'Leads', unit: 'count' },
  { name: 'conversion_rate', label: 'Conversion rate', unit: 'percent' },
];
export const CLIENT_HEALTH = ['green', 'yellow', 'red'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export const USER_ROLES = ['viewer', 'manager', 'admin'] as const;

/** Run statuses (PRODUCT.md §1). */
export const RUN_STATUSES = [
  'queued',
  'running',
  'waiting',
  'awaiting_approval',
  'completed',
  'failed',
  'skipped',
  'cancelled',
  'rejected',
] as const;

/** Step statuses (PRODUCT.md §1). */
export const STEP_STATUSES = [
  'pending',
  'running',
  'waiting',
  'awaiting_approval',
  'completed',
  'failed',
  'skipped',
  'cancelled',
  'rejected',
] as const;

/** More action steps than this is accepted with a `too_many_actions` warning. */
export const MAX_ACTIONS_BEFORE_WARNING = 50;
/** A branch inside a branch inside a branch is depth 3; deeper is rejected. */
export const MAX_BRANCH_DEPTH = 3;
/** A workflow has 1 or 2 triggers (AND). */
export const MIN_TRIGGERS = 1;
export const MAX_TRIGGERS = 2;
/** Rules in one `all` / `any` condition. */
export const MAX_CONDITION_RULES = 20;
/** Operators a condition rule may use, in the order the builder offers them. */
export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  'equals',
  'not_equals',
  'greater_than',
  'less_than',
  'contains',
  'starts_with',
  'in',
  'exists',
  'not_exists',
];
/** Bounds of `delayMinutes` on an action step. */
export const MAX_DELAY_MINUTES = 1440;
export const MAX_WORKFLOW_NAME_LENGTH = 200;
export const MAX_WORKFLOW_DESCRIPTION_LENGTH = 2000;

export type TriggerType = (typeof TRIGGER_TYPES)[number];
export type ActionType = (typeof ACTION_TYPES)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type ClientHealth = (typeof CLIENT_HEALTH)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type UserRole = (typeof USER_ROLES)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];
