import type { EmittedEvent } from '../actions/action-executor';

/** Matches an event a step stored inside the step's own transaction when that is cheap (see EventMatcher.screenInline). */
export interface EmittedEventSettler {
  /**
   * The event's verdicts when no workflow fires on it (the step's transaction records them with its own writes), or
   * null when it must be enqueued for matching.
   */
  screenInline(event: EmittedEvent): unknown[] | null;
}
