import type { EventType, TriggerType } from '../constants/workflow.constants';
import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import type { TriggerConfigByType } from '../types/trigger-config.types';
import type { ClientTriggerState, TriggerVerdict } from './trigger-verdict';

/** An event field a trigger's event form compares for equality, and the config value that means "any" (besides empty). */
export interface TriggerRouteField {
  field: string;
  any?: string;
}

interface TriggerTypeBase<T extends TriggerType> extends ConfigTypeDefinition<T> {
  /** State form: does the trigger hold for the client right now, as the AND partner of the one that fired? */
  stateForm(config: TriggerConfigByType[T], state: ClientTriggerState, now: Date): TriggerVerdict;
  /** For a type fired from the client's state (a scan): the run's `trigger` data it would get, as the preview shows it. */
  stateTriggerData?(config: TriggerConfigByType[T], state: ClientTriggerState, now: Date): Record<string, unknown>;
}

/** A trigger the event matcher fires: one kind of stored event, judged by the event form. */
export interface EventTriggerTypeDefinition<T extends TriggerType = TriggerType> extends TriggerTypeBase<T> {
  fires: 'on_event';
  eventType: EventType;
  /** Event form: does an event of `eventType` with `data` fire the trigger? (PRODUCT.md §3) */
  eventForm(config: TriggerConfigByType[T], data: Record<string, unknown>): TriggerVerdict;
  /** The fields the event form requires to be equal, in order: where the workflow index files the trigger (see trigger-routes). */
  routeFields: readonly TriggerRouteField[];
}

/**
 * A trigger fired by a background job of its own instead of events: the scheduler's ticks (`on_schedule`; a workflow with
 * one fires only on its schedule, never on events) or the inactivity scanner (`on_scan`).
 */
export interface SourcedTriggerTypeDefinition<T extends TriggerType = TriggerType> extends TriggerTypeBase<T> {
  fires: 'on_schedule' | 'on_scan';
}

/** Everything one trigger type is: its config schema, what fires it, its event form, its state form and its routes. */
export type TriggerTypeDefinition<T extends TriggerType = TriggerType> =
  EventTriggerTypeDefinition<T> | SourcedTriggerTypeDefinition<T>;
