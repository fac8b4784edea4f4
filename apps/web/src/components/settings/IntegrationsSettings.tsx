import { Stack } from '@mantine/core';
import { useIntegrations } from '../../api/useIntegrations';
import { usePermissions } from '../../auth/usePermissions';
import { LoadingState } from '../LoadingState';
import { QueryError } from '../QueryError';
import { IntegrationForm } from './IntegrationForm';

/** Slack, email and OpenAI. Managers see what is connected; admins change it. Secrets are write-only. */
export function IntegrationsSettings() {
  const integrations = useIntegrations();
  const { canAdminister } = usePermissions();
  if (!integrations.data) {
    return integrations.error ? (
      <QueryError
        title="Could not load integrations"
        error={integrations.error}
        onRetry={() => void integrations.refetch()}
      />
    ) : (
      <LoadingState label="Loading integrations…" />
    );
  }
  return (
    <Stack gap="md">
      {integrations.data.items.map((integration) => (
        <IntegrationForm
          key={`${integration.kind}-${integration.updatedAt ?? 'new'}`}
          integration={integration}
          canEdit={canAdminister}
        />
      ))}
    </Stack>
  );
}
