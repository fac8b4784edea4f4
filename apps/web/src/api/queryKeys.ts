import { workflowsKey } from './useWorkflows';

/**
 * Query keys shared between the hooks that read and the code that invalidates (mutations and
 * live updates). Prefixes nest: invalidating `runs` refreshes every run list and run detail.
 */
export const queryKeys = {
  workflows: workflowsKey,
  analytics: [...workflowsKey, 'analytics'] as const,
  runs: ['runs'] as const,
  runLists: ['runs', 'list'] as const,
  run: (id: string) => ['runs', 'detail', id] as const,
  approvals: ['approvals'] as const,
  events: ['events'] as const,
  event: (id: string) => ['events', 'detail', id] as const,
  clients: ['clients'] as const,
  client: (id: string) => ['clients', 'detail', id] as const,
  /** Tasks, tickets, alerts and drafts that runs created. */
  records: ['records'] as const,
  users: ['users'] as const,
  apiKeys: ['api-keys'] as const,
  integrations: ['integrations'] as const,
  agency: ['agency'] as const,
  templates: ['templates'] as const,
  template: (id: string) => ['templates', 'detail', id] as const,
};
