import type { EventInputDto } from './dto/event-input.dto';

/** How one event of a request is stored: a `kpi.updated` through the metric recorder, a plain insert, or a repeat. */
export type StoreStep = { kind: 'kpi' } | { kind: 'plain' } | { kind: 'repeat'; of: number };

/** A key repeated inside one request resolves to its first occurrence there (whatever its type); nothing else is stored for it. */
export function planStore(events: readonly Pick<EventInputDto, 'type' | 'idempotencyKey'>[]): StoreStep[] {
  const firstIndexByKey = new Map<string, number>();
  return events.map((event, index) => {
    const key = event.idempotencyKey;
    if (key !== undefined) {
      const first = firstIndexByKey.get(key);
      if (first !== undefined) return { kind: 'repeat', of: first };
      firstIndexByKey.set(key, index);
    }
    return { kind: event.type === 'kpi.updated' ? 'kpi' : 'plain' };
  });
}
