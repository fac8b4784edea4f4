import type { TriggerTypeDefinition } from './trigger-type.definition';
import { HOLDS, notFired } from './trigger-verdict';

const DAY_MS = 86_400_000;
import { integerSchema, objectSchema } from '../json-schema/schema-fragments';

export const inactivityTrigger: TriggerTypeDefinition<'inactivity'> = {
  fires: 'on_scan',
  descriptor: {
    type: 'inactivity',
    label: 'Client inactive',
    description:
      "Fires once per inactive period when a client's last activity becomes older than the given number of days.",
    configSchema: objectSchema(
      {
        days: integerSchema({
          title: 'Days without activity',
          description: 'Number of days since the last activity (1 to 365).',
          minimum: 1,
          maximum: 365,
          examples: [14],
        }),
      },
      ['days'],
    ),
    examples: [{ days: 14 }, { days: 30 }],
  },
  stateForm: (config, state, now) => {
    const idleDays = (now.getTime() - state.lastActivityAt.getTime()) / DAY_MS;
    return idleDays >= config.days
      ? HOLDS
      : notFired(
          'state_unmet',
          `partner inactivity: last activity ${idleDays.toFixed(1)} days ago, under ${config.days}`,
        );
  },
  stateTriggerData: (config, state, now) => inactivityTriggerData(config.days, state.lastActivityAt.toISOString(), now),
};

/** The data of the `client.inactive` trigger a scan gives the run (`{{trigger.days}}`, `trigger.inactiveDays`). */
export function inactivityTriggerData(
  days: number,
  lastActivityAt: string,
  now: Date,
): { days: number; lastActivityAt: string; inactiveDays: number } {
  return { days, lastActivityAt, inactiveDays: Math.floor((now.getTime() - Date.parse(lastActivityAt)) / DAY_MS) };
}
