import type { EntityManager } from 'typeorm';
import type { EmittedEvent } from '../actions/action-executor';

/** Matches an event a step stored inside the step's own transaction when that is cheap (see EventMatcher.settleInline). */
export interface EmittedEventSettler {
  /** True when the event is settled (processed, with its verdicts); false when it must be enqueued for matching. */
  settleInline(manager: EntityManager, event: EmittedEvent): Promise<boolean>;
}
