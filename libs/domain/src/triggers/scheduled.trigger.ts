import { CLIENT_HEALTH } from '../constants/workflow.constants';
import { describeCronValidity } from '../cron/cron-schedule';
import { isValidTimeZone } from '../cron/time-zone';
import { enumSchema, objectSchema, stageSchema } from '../json-schema/schema-fragments';
import type { ScheduledClientFilter } from '../types/trigger-config.types';
import type { FieldError } from '../types/validation.types';
import type { TriggerTypeDefinition } from './trigger-type.definition';
import { notFired } from './trigger-verdict';

export const scheduledTrigger: TriggerTypeDefinition<'scheduled'> = {
  fires: 'on_schedule',
  descriptor: {
    type: 'scheduled',
    label: 'On a schedule',
    description: 'Fires on every tick of a cron schedule, once for each client that passes the optional filter.',
    configSchema: objectSchema(
      {
        cron: {
          type: 'string',
          title: 'Schedule (cron)',
          description:
            'Five fields: minute hour day-of-month month day-of-week (e.g. "0 9 * * 1" = Mondays at 09:00). Seconds are not supported.',
          minLength: 1,
          maxLength: 100,
          examples: ['0 9 * * 1'],
        },
        timezone: {
          type: 'string',
          title: 'Time zone',
          description: 'IANA time zone the schedule is read in (e.g. America/New_York).',
          minLength: 1,
          maxLength: 64,
          examples: ['America/New_York'],
        },
        clientFilter: objectSchema(
          {
            stages: {
              type: 'array',
              title: 'Stages',
              description: 'Only clients in one of these stages.',
              minItems: 1,
              maxItems: 50,
              uniqueItems: true,
              items: stageSchema({ title: 'Stage', description: 'A client stage.' }),
            },
            health: {
              type: 'array',
              title: 'Health',
              description: 'Only clients with one of these health values.',
              minItems: 1,
              maxItems: CLIENT_HEALTH.length,
              uniqueItems: true,
              items: enumSchema(CLIENT_HEALTH, { title: 'Health', description: 'A client health value.' }),
            },
          },
          [],
          {
            title: 'Client filter',
            description: 'Which clients the schedule runs for. Without a filter: every client.',
          },
        ),
      },
      ['cron', 'timezone'],
    ),
    examples: [
      { cron: '0 9 * * 1', timezone: 'America/New_York' },
      { cron: '30 8 1 * *', timezone: 'Europe/Paris', clientFilter: { stages: ['active'], health: ['yellow', 'red'] } },
    ],
  },
  checkSemantics: (config) => {
    const errors: FieldError[] = [];
    const cronProblem = describeCronValidity(String(config.cron));
    if (cronProblem) errors.push({ path: 'cron', message: cronProblem });
    if (!isValidTimeZone(String(config.timezone))) {
      errors.push({
        path: 'timezone',
        message: `unknown time zone '${String(config.timezone)}' (expected an IANA name such as Europe/Paris)`,
      });
    }
    return errors;
  },
  stateForm: () => notFired('not_a_partner', 'scheduled is not usable as a partner'),
};

/**
 * Why a client is not one of a tick's clients (the scheduler filters the same way in SQL), or undefined when it is.
 * Deleted clients are left to the caller.
 */
export function missesClientFilter(
  filter: ScheduledClientFilter | undefined,
  client: { stage: string; health: string },
): string | undefined {
  if (filter?.stages?.length && !filter.stages.includes(client.stage))
    return `client stage "${client.stage}" is not in the schedule's clientFilter.stages (${filter.stages.join(', ')})`;
  if (filter?.health?.length && !(filter.health as string[]).includes(client.health))
    return `client health "${client.health}" is not in the schedule's clientFilter.health (${filter.health.join(', ')})`;
  return undefined;
}
