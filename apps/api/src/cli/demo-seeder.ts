import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { validateWorkflowDefinition, WorkflowDefinition } from '@automations/domain';
import { AgencyEntity, ClientEntity, WorkflowEntity, WorkflowVersionEntity } from '@automations/persistence';
import { AgencyProvisioner } from '../modules/accounts/agency-provisioner';

export const DEMO_ADMIN_EMAIL = 'admin@demo.agency';

/**
 * The demo admin's password when none is given (DEMO_PASSWORD): 24 random URL-safe characters (144 bits),
 * never a published one, and well inside the password rules (12+ characters, not containing the email).
 */
export function generateDemoPassword(): string {
  return randomBytes(18).toString('base64url');
}

const DEMO_CLIENTS: Pick<ClientEntity, 'name' | 'stage' | 'health'>[] = [
  { name: 'Acme Outdoor', stage: 'lead', health: 'green' },
  { name: 'Bluebird Bakery', stage: 'onboarding', health: 'yellow' },
  { name: 'Cobalt Fitness', stage: 'active', health: 'red' },
  { name: 'Delta Dental Group', stage: 'active', health: 'green' },
];

export const DEMO_WORKFLOWS: WorkflowDefinition[] = [
  {
    name: 'Onboarding kickoff',
    description: 'Kick off every new client: a task, a health check, and a welcome draft for review',
    isActive: true,
    triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
    steps: [
      {
        id: 'kickoff-task',
        type: 'create_task',
        config: { title: 'Kickoff call with {{client.name}}', priority: 'high', dueInDays: 2 },
      },
      {
        id: 'health-check',
        type: 'branch',
        condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
        then: [
          {
            id: 'at-risk-alert',
            type: 'add_alert',
            config: { title: '{{client.name}} starts onboarding at risk', severity: 'critical' },
          },
        ],
        else: [],
      },
      {
        id: 'welcome-draft',
        type: 'draft_communication',
        requiresApproval: true,
        config: {
          platform: 'email',
          tone: 'friendly',
          template: 'Welcome {{client.name}} and propose a kickoff call this week',
        },
      },
    ],
  },
  {
    name: 'ROAS drop alert',
    description: 'Alert the team when ROAS falls below 2',
    isActive: true,
    triggers: [{ type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } }],
    steps: [
      {
        id: 'roas-alert',
        type: 'add_alert',
        config: { title: 'ROAS for {{client.name}} dropped to {{metrics.roas}}', severity: 'warning' },
      },
      {
        id: 'roas-ticket',
        type: 'create_ticket',
        config: { title: 'Review campaigns of {{client.name}}', priority: 'high', category: 'performance' },
      },
    ],
  },
  {
    name: 'Quiet client check-in',
    description: 'After 14 days without activity, create a check-in task',
    isActive: true,
    triggers: [{ type: 'inactivity', config: { days: 14 } }],
    steps: [
      {
        id: 'check-in-task',
        type: 'create_task',
        config: {
          title: 'Check in with {{client.name}}',
          priority: 'medium',
          assignee: 'client_assignee',
          dueInDays: 1,
        },
      },
    ],
  },
];

export interface SeedResult {
  seeded: boolean;
  agencyId?: string;
  email?: string;
  password?: string;
  apiKey?: string;
}

/** Seeds a demo agency (admin login, API key, clients and active example automations) into an empty database. */
export class DemoSeeder {
  constructor(private readonly dataSource: DataSource) {}

  /** `password` is the demo admin's: DEMO_PASSWORD or `generateDemoPassword()`, printed once by `prepare`. */
  async seedIfEmpty(password: string): Promise<SeedResult> {
    if ((await this.dataSource.getRepository(AgencyEntity).count()) > 0) return { seeded: false };
    const created = await new AgencyProvisioner(this.dataSource).createAgency({
      name: 'Demo Agency',
      timezone: 'America/New_York',
      adminEmail: DEMO_ADMIN_EMAIL,
      adminPassword: password,
      adminName: 'Demo Admin',
    });
    await this.dataSource.transaction(async (manager) => {
      for (const client of DEMO_CLIENTS) {
        await manager.insert(ClientEntity, {
          ...client,
          agencyId: created.agencyId,
          assigneeId: created.userId,
          lastActivityAt: new Date(),
        });
      }
      for (const definition of DEMO_WORKFLOWS) {
        const result = validateWorkflowDefinition(definition);
        if (!result.ok)
          throw new Error(`Demo workflow "${definition.name}" is invalid: ${JSON.stringify(result.errors)}`);
        const value = result.value;
        const workflow = await manager.save(
          manager.create(WorkflowEntity, {
            agencyId: created.agencyId,
            name: value.name,
            description: value.description ?? null,
            isActive: value.isActive ?? true,
            requiresApproval: value.requiresApproval ?? false,
            triggers: value.triggers,
            steps: value.steps,
            version: 1,
            createdByUserId: created.userId,
            updatedByUserId: created.userId,
          }),
        );
        await manager.insert(WorkflowVersionEntity, {
          agencyId: created.agencyId,
          workflowId: workflow.id,
          version: 1,
          definition: value,
          createdByUserId: created.userId,
        });
      }
    });
    return { seeded: true, agencyId: created.agencyId, email: DEMO_ADMIN_EMAIL, password, apiKey: created.apiKey };
  }
}
