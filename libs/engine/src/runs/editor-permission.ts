import type { DataSource } from 'typeorm';
import { ApiKeyEntity, UserEntity, WorkflowEntity } from '@automations/persistence';
import { PermanentActionError } from '../errors/action-errors';

const EDITOR_ROLES = new Set(['admin', 'manager']);

/**
 * PRODUCT.md §5: at execution, the workflow's last editor must still be an active admin or manager of the
 * agency (or a live API key with such a role); otherwise the step fails as permanent `permission_denied`.
 */
export async function assertEditorMayRun(dataSource: DataSource, workflow: WorkflowEntity): Promise<void> {
  if (workflow.updatedByUserId) {
    const user = await dataSource.getRepository(UserEntity).findOne({ where: { id: workflow.updatedByUserId, agencyId: workflow.agencyId } });
    if (!user || !user.active || !EDITOR_ROLES.has(user.role)) {
      throw new PermanentActionError('permission_denied', `The automation's last editor (${user?.email ?? 'a removed user'}) is no longer an active admin or manager: an admin or manager must save it again`);
    }
    return;
  }
  if (workflow.updatedByApiKeyId) {
    const key = await dataSource.getRepository(ApiKeyEntity).findOne({ where: { id: workflow.updatedByApiKeyId, agencyId: workflow.agencyId } });
    if (!key || key.revokedAt || !EDITOR_ROLES.has(key.role)) {
      throw new PermanentActionError('permission_denied', `The API key that last saved this automation (${key?.name ?? 'removed'}) is revoked or no longer admin/manager: save it again`);
    }
  }
}
