import type { Job } from 'bullmq';
import { tickKeyOf, tickTimeOf } from './scheduled-tick.runner';

const job = (fields: { id?: string; repeatJobKey?: string; prevMillis?: number; timestamp?: number }) =>
  ({
    id: fields.id,
    repeatJobKey: fields.repeatJobKey,
    opts: fields.prevMillis === undefined ? {} : { prevMillis: fields.prevMillis },
    timestamp: fields.timestamp ?? 0,
  }) as unknown as Job;

describe('tickKeyOf', () => {
  it('keys a tick by its minute', () => {
    expect(tickKeyOf(new Date('2026-03-02T09:00:00.000Z'))).toBe('2026-03-02T09:00:00.000Z');
    expect(tickKeyOf(new Date('2026-03-02T09:00:59.999Z'))).toBe('2026-03-02T09:00:00.000Z');
    expect(tickKeyOf(new Date('2026-03-02T09:01:00.000Z'))).toBe('2026-03-02T09:01:00.000Z');
  });
});

describe('tickTimeOf', () => {
  const due = Date.parse('2026-03-02T09:00:00.000Z');

  it('reads when the scheduler meant the job to run from its id, not when it was created or picked up', () => {
    expect(
      tickTimeOf(job({ id: `repeat:workflow-x:${due}`, repeatJobKey: 'workflow-x', timestamp: due - 60_000 })),
    ).toEqual(new Date(due));
  });

  it('falls back to prevMillis, then to the job timestamp', () => {
    expect(tickTimeOf(job({ id: 'other', repeatJobKey: 'workflow-x', prevMillis: due, timestamp: 1 }))).toEqual(
      new Date(due),
    );
    expect(tickTimeOf(job({ id: 'manual-1', timestamp: due }))).toEqual(new Date(due));
  });
});
