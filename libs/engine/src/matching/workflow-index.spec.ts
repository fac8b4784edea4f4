import type { DataSource } from 'typeorm';
import { eventRoutes, type TriggerDefinition } from '@automations/domain';
import { WorkflowIndex } from './workflow-index';

const stage = (toStage: string, fromStage?: string): TriggerDefinition =>
  ({ type: 'stage_change', config: { toStage, ...(fromStage ? { fromStage } : {}) } }) as TriggerDefinition;
const rows = [
  { id: 'w-onboarding', name: 'Onboarding', triggers: [stage('onboarding')] },
  { id: 'w-onboarding-from-lead', name: 'From lead', triggers: [stage('onboarding', 'lead')] },
  { id: 'w-onboarding-from-trial', name: 'From trial', triggers: [stage('onboarding', 'trial')] },
  { id: 'w-churned', name: 'Churned', triggers: [stage('churned')] },
  { id: 'w-both', name: 'Two stage triggers', triggers: [stage('onboarding'), stage('active')] },
  {
    id: 'w-kpi',
    name: 'KPI',
    triggers: [{ type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } } as TriggerDefinition],
  },
];
/** The index reads `SELECT id, name, triggers FROM workflows …` through TypeORM's DataSource.query: answer it with the rows above. */
const dataSource = { query: async () => rows } as unknown as DataSource;
const movedToOnboardingFromLead = eventRoutes('stage_change', { fromStage: 'lead', toStage: 'onboarding' });

describe('WorkflowIndex', () => {
  it.each<[string, number, string[]]>([
    [
      'a few workflows of the type: every one is a candidate (each gets a verdict)',
      200,
      ['w-onboarding', 'w-onboarding-from-lead', 'w-onboarding-from-trial', 'w-churned', 'w-both'],
    ],
    [
      "past the threshold: only those filed under the event's routes, each once",
      3,
      ['w-onboarding', 'w-both', 'w-onboarding-from-lead'],
    ],
  ])('%s', async (_name, routeAbove, expected) => {
    const index = new WorkflowIndex(dataSource, 30_000, routeAbove);
    const candidates = await index.candidates('agency', 'stage_change', movedToOnboardingFromLead);
    expect(candidates.map((workflow) => workflow.id).sort()).toEqual([...expected].sort());
  });

  it('answers nothing for a trigger type no workflow uses', async () => {
    expect(
      await new WorkflowIndex(dataSource, 30_000, 3).candidates(
        'agency',
        'ticket_created',
        eventRoutes('ticket_created', { category: 'billing' }),
      ),
    ).toEqual([]);
  });
});
