import type { DataSource } from 'typeorm';
import type { SecretBox } from '@automations/persistence';
import type { WorkflowDefinition } from '@automations/domain';
import { loadRunDefinition } from './run-definition.loader';

/**
 * Definitions of workflow versions, which never change once saved: read once per worker, not once per job.
 * Bounded (least recently used leaves first). Sensitive values are opened with `box` (the cache lives in memory only).
 */
export class RunDefinitionCache {
  private readonly definitions = new Map<string, WorkflowDefinition>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly capacity = 2000,
  ) {}

  async get(workflowId: string, version: number): Promise<WorkflowDefinition> {
    const key = `${workflowId}:${version}`;
    const cached = this.definitions.get(key);
    if (cached) {
      this.definitions.delete(key);
      this.definitions.set(key, cached);
      return cached;
    }
    const definition = await loadRunDefinition(
      this.dataSource.manager,
      { workflowId, workflowVersion: version },
      this.box,
    );
    this.definitions.set(key, definition);
    if (this.definitions.size > this.capacity) this.definitions.delete(this.definitions.keys().next().value as string);
    return definition;
  }
}
