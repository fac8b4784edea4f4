import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { diffDefinitions, type WorkflowDefinition } from '@automations/domain';
import { AgencyScopedRepository, WorkflowEntity } from '@automations/persistence';
import { ApiError } from '../../common/api-error';
import type { Principal } from '../../common/principal';
import type { WorkflowDetailDto } from './workflow.dto';
import type { WorkflowVersionDiffDto } from './workflow-version.dto';
import { WorkflowsService } from './workflows.service';

/** Version restore and diff (PRODUCT.md §8.3), over the saved versions the workflows service keeps. */
@Injectable()
export class WorkflowVersionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: WorkflowsService,
  ) {}

  /**
   * A new version whose definition equals version `version`, through the same save path as PATCH (today's
   * stages and users validated, sensitive fields sealed, version bumped, live change announced); history
   * is never rewritten. Restoring the current version is a 409: it would change nothing. `isActive` is left
   * as it is: switching on or off is an operational state with its own route (and its own run
   * cancellation), not part of the content being restored.
   */
  async restore(
    principal: Principal,
    id: string,
    version: number,
    expectedVersion?: number,
  ): Promise<WorkflowDetailDto> {
    const restored = await this.workflows.version(principal, id, version);
    const current = await this.currentVersion(principal.agencyId, id);
    if (version === current)
      throw ApiError.conflict(`Version ${version} is already the current version: there is nothing to restore`);
    if (expectedVersion !== undefined && expectedVersion !== current)
      throw ApiError.conflict(`Workflow is at version ${current}, not ${expectedVersion}: reload and restore again`);
    const definition = restored.definition as unknown as WorkflowDefinition;
    const body: Record<string, unknown> = {
      expectedVersion: current,
      name: definition.name,
      description: definition.description ?? null,
      requiresApproval: definition.requiresApproval ?? false,
      triggers: definition.triggers,
      steps: definition.steps,
    };
    return this.workflows.update(principal, id, body, (toVersion) => ({
      eventType: 'workflow.restored',
      details: { fromVersion: version, toVersion },
    }));
  }

  /** Sensitive fields are compared and shown opened, as GET /versions/{v} shows them to the same caller. */
  async diff(principal: Principal, id: string, from: number, to: number): Promise<WorkflowVersionDiffDto> {
    const [before, after] = await Promise.all([
      this.workflows.version(principal, id, from),
      this.workflows.version(principal, id, to),
    ]);
    const diff = diffDefinitions(
      before.definition as unknown as WorkflowDefinition,
      after.definition as unknown as WorkflowDefinition,
    );
    return { from, to, ...diff } as unknown as WorkflowVersionDiffDto;
  }

  private async currentVersion(agencyId: string, id: string): Promise<number> {
    const workflow = await AgencyScopedRepository.for(this.dataSource.manager, WorkflowEntity, agencyId).findOne({
      id,
      deletedAt: IsNull(),
    });
    if (!workflow) throw ApiError.notFound('Workflow');
    return workflow.version;
  }
}
