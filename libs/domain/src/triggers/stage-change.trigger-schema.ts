import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { objectSchema, stageSchema } from '../json-schema/schema-fragments';

export const stageChangeTrigger: ConfigTypeDefinition<'stage_change'> = {
  descriptor: {
    type: 'stage_change',
    label: 'Client stage changes',
    description: 'Fires when a client moves into a given stage, optionally only when coming from a given stage.',
    configSchema: objectSchema(
      {
        toStage: stageSchema({ title: 'To stage', description: 'The stage the client moves into.', examples: ['onboarding'] }),
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
};
