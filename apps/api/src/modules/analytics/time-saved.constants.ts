import type { ActionType } from '@automations/domain';

/**
 * Estimated minutes of manual work one completed action saves (the basis of `timeSaved`).
 * Deliberately conservative, for an account manager doing the same by hand:
 * - create_task 3: open the client, write a task with title, priority, due date and assignee;
 * - send_notification 2: find the channel or people and write a short internal message;
 * - draft_communication 10: read the client's context and write a first draft of a client message;
 * - create_ticket 4: open a support ticket with category, priority and description;
 * - update_client 2: open the client record and change its stage, health or assignee;
 * - add_alert 2: write an Intelligence Center alert with its severity.
 * Returned with every analytics answer (`timeSaved.minutesPerAction`), so the figure is never opaque.
 */
export const MINUTES_SAVED_PER_ACTION: Readonly<Record<ActionType, number>> = Object.freeze({
  create_task: 3,
  send_notification: 2,
  draft_communication: 10,
  create_ticket: 4,
  update_client: 2,
  add_alert: 2,
});
