import type { TriggerTypeDefinition } from './trigger-type.definition';
import { FIRES, HOLDS, notFired } from './trigger-verdict';
import { objectSchema, stageSchema } from '../json-schema/schema-fragments';

export const stageChangeTrigger: TriggerTypeDefinition<'stage_change'> = {
  fires: 'on_event',
  eventType: 'client.stage_changed',
  descriptor: {
    type: 'stage_change',
    label: 'Client stage changes',
    description: 'Fires when a client moves into a given stage, optionally only when coming from a given stage.',
    configSchema: objectSchema(
      {
        toStage: stageSchema({
          title: 'To stage',
          description: 'The stage the client moves into.',
          examples: ['onboarding'],
        }),
        fromStage: stageSchema({
          title: 'From stage',
          description: 'Only fire when the client comes from this stage. Leave empty for any stage.',
          examples: ['lead'],
        }),
      },
      ['toStage'],
    ),
    examples: [{ toStage: 'onboarding' }, { fromStage: 'active', toStage: 'churn_risk' }],
  },
  checkSemantics: (config) =>
    config.fromStage !== undefined && config.fromStage === config.toStage
      ? [{ path: 'fromStage', message: 'must differ from toStage' }]
      : [],
  eventForm: (config, data) => {
    if (data.toStage !== config.toStage)
      return notFired('event_mismatch', `client moved to "${String(data.toStage)}", not "${config.toStage}"`);
    if (config.fromStage && data.fromStage !== config.fromStage)
      return notFired('event_mismatch', `client came from "${String(data.fromStage)}", not "${config.fromStage}"`);
    return FIRES;
  },
  stateForm: (config, state) =>
    state.stage === config.toStage
      ? HOLDS
      : notFired('state_unmet', `partner stage_change: client is in "${state.stage}", not "${config.toStage}"`),
  routeFields: [{ field: 'toStage' }, { field: 'fromStage' }],
};
