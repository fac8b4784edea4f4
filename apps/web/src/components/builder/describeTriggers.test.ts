import { describe, expect, it } from 'vitest';
import { describeTriggers } from './describeTriggers';
import type { DraftTrigger } from './draft';

const trigger = (type: DraftTrigger['type'], config: Record<string, unknown>): DraftTrigger => ({
  key: type,
  type,
  config,
});

describe('describeTriggers', () => {
  it('says what one trigger waits for', () => {
    expect(describeTriggers([trigger('stage_change', { toStage: 'onboarding', fromStage: 'lead' })])).toBe(
      'Runs for a client when a client moves into “onboarding” from “lead”.',
    );
    expect(describeTriggers([trigger('scheduled', { cron: '0 9 * * 1', timezone: 'Europe/Paris' })])).toBe(
      'Runs when the schedule ticks (at 09:00 on Monday, Europe/Paris), once for every client.',
    );
  });

  it('spells out AND: each trigger’s event while the other one’s state holds', () => {
    expect(
      describeTriggers([trigger('inactivity', { days: 14 }), trigger('ticket_created', { priority: 'urgent' })]),
    ).toBe(
      'Both must be true (AND): runs for a client when a client has had no activity for 14 days while an urgent priority ticket was created for the client in the last 24 hours, ' +
        'or when an urgent priority ticket is created for a client while the client has had no activity for at least 14 days.',
    );
  });

  it('reads a schedule with a partner as a filter on the ticks', () => {
    expect(
      describeTriggers([
        trigger('scheduled', { cron: '0 8 1 * *', timezone: 'UTC', clientFilter: { health: ['red'] } }),
        trigger('kpi_threshold', { metric: 'roas', operator: 'below', value: 2 }),
      ]),
    ).toBe(
      'Runs when the schedule ticks (at 08:00 on day 1 of the month, UTC), for each client that passes the client filter for whom the client’s latest roas is below 2 at that moment.',
    );
  });
});
