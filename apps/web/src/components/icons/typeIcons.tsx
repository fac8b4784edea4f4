import {
  IconAlertTriangle,
  IconArrowsExchange,
  IconBell,
  IconBolt,
  IconChartLine,
  IconChecklist,
  IconClock,
  IconGitBranch,
  IconMessage,
  IconPencil,
  IconTicket,
  IconUserEdit,
  IconZzz,
  type Icon,
} from '@tabler/icons-react';

/** One icon per trigger and action type (and the IF/ELSE branch), the same on cards and in the flow diagram. */
const ICONS: Record<string, Icon> = {
  stage_change: IconArrowsExchange,
  inactivity: IconZzz,
  kpi_threshold: IconChartLine,
  new_message: IconMessage,
  ticket_created: IconTicket,
  scheduled: IconClock,
  create_task: IconChecklist,
  send_notification: IconBell,
  draft_communication: IconPencil,
  create_ticket: IconTicket,
  update_client: IconUserEdit,
  add_alert: IconAlertTriangle,
  branch: IconGitBranch,
};

/** The icon of a trigger or action type; a bolt for a type this SPA does not know yet. */
export function TypeIcon({ type, size = 16, color }: { type: string; size?: number; color?: string }) {
  const Component = ICONS[type] ?? IconBolt;
  return <Component size={size} color={color} stroke={1.75} aria-hidden="true" style={{ flexShrink: 0 }} />;
}
