import type { BuiltinTemplate } from '../template.types';
import { atRiskClientMessageTemplate } from './at-risk-client-message.template';
import { billingTicketRoutingTemplate } from './billing-ticket-routing.template';
import { churnRiskSaveTemplate } from './churn-risk-save.template';
import { cpaSpikeAlertTemplate } from './cpa-spike-alert.template';
import { goneQuietCheckInTemplate } from './gone-quiet-check-in.template';
import { monthlyReportingPrepTemplate } from './monthly-reporting-prep.template';
import { newMessageTriageTemplate } from './new-message-triage.template';
import { onboardingKickoffTemplate } from './onboarding-kickoff.template';
import { onboardingStalledTemplate } from './onboarding-stalled.template';
import { qbrPrepTemplate } from './qbr-prep.template';
import { resultsCelebrationTemplate } from './results-celebration.template';
import { roasDropRescueTemplate } from './roas-drop-rescue.template';
import { urgentTicketEscalationTemplate } from './urgent-ticket-escalation.template';
import { weeklyReportReminderTemplate } from './weekly-report-reminder.template';
import { winBackChurnedTemplate } from './win-back-churned.template';
import { zeroConversionsCheckTemplate } from './zero-conversions-check.template';

/**
 * The library that ships with the product, in the order the gallery shows it. The first three are offered on
 * an empty dashboard, so they are the plays nearly every agency runs: onboarding, performance, retention.
 */
export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  onboardingKickoffTemplate,
  roasDropRescueTemplate,
  goneQuietCheckInTemplate,
  urgentTicketEscalationTemplate,
  weeklyReportReminderTemplate,
  churnRiskSaveTemplate,
  newMessageTriageTemplate,
  cpaSpikeAlertTemplate,
  monthlyReportingPrepTemplate,
  onboardingStalledTemplate,
  resultsCelebrationTemplate,
  atRiskClientMessageTemplate,
  billingTicketRoutingTemplate,
  zeroConversionsCheckTemplate,
  qbrPrepTemplate,
  winBackChurnedTemplate,
];

export function getBuiltinTemplate(id: string): BuiltinTemplate | undefined {
  return BUILTIN_TEMPLATES.find((template) => template.id === id);
}
