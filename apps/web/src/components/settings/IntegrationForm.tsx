import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { describeError, validationErrorsOf } from '../../api/errors';
import type { Integration, IntegrationKind } from '../../api/types';
import { useSaveIntegration, type IntegrationUpdate } from '../../api/useIntegrations';
import { formatDateTime } from '../../lib/format';

interface FieldSpec {
  key: string;
  label: string;
  placeholder?: string;
  required?: boolean;
}

interface KindSpec {
  title: string;
  description: string;
  /** The write-only secret: never shown, only replaced. */
  secret: { key: string; label: string; requiredFirstTime: boolean };
  fields: FieldSpec[];
}

export const INTEGRATION_SPECS: Record<IntegrationKind, KindSpec> = {
  slack: {
    title: 'Slack',
    description: 'Notifications and approval requests, with your workspace’s bot token.',
    secret: { key: 'botToken', label: 'Bot token', requiredFirstTime: true },
    fields: [{ key: 'defaultChannel', label: 'Default channel id', placeholder: 'C0123ABCD' }],
  },
  email: {
    title: 'Email',
    description: 'Email notifications over SMTP. Without an SMTP URL the server’s SMTP_URL is used.',
    secret: { key: 'smtpUrl', label: 'SMTP URL (with credentials)', requiredFirstTime: false },
    fields: [
      { key: 'fromAddress', label: 'From address', placeholder: 'automations@your.agency', required: true },
      { key: 'fromName', label: 'From name' },
      { key: 'replyTo', label: 'Reply-to' },
    ],
  },
  openai: {
    title: 'OpenAI',
    description: 'AI-written drafts. Any OpenAI-compatible endpoint works.',
    secret: { key: 'apiKey', label: 'API key', requiredFirstTime: true },
    fields: [
      { key: 'baseUrl', label: 'Base URL', placeholder: 'https://api.openai.com/v1' },
      { key: 'model', label: 'Model', placeholder: 'gpt-4o-mini' },
    ],
  },
};

function initialValues(integration: Integration, spec: KindSpec): Record<string, string> {
  return Object.fromEntries(
    spec.fields.map((field) => [
      field.key,
      typeof integration.settings[field.key] === 'string' ? (integration.settings[field.key] as string) : '',
    ]),
  );
}

/** One integration: its state ("configured", the secret only as set/unset), and for admins a form. */
export function IntegrationForm({ integration, canEdit }: { integration: Integration; canEdit: boolean }) {
  const spec = INTEGRATION_SPECS[integration.kind];
  const save = useSaveIntegration();
  const [values, setValues] = useState(() => initialValues(integration, spec));
  const [secret, setSecret] = useState('');
  const [saved, setSaved] = useState(false);
  const fieldErrors = validationErrorsOf(save.error);
  const secretLabel = integration.secret.set
    ? `configured${integration.secret.last4 ? ` (…${integration.secret.last4})` : ''}`
    : 'not set';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body: Record<string, string> = Object.fromEntries(
      Object.entries(values)
        .filter(([, value]) => value.trim() !== '')
        .map(([key, value]) => [key, value.trim()]),
    );
    if (secret.trim()) body[spec.secret.key] = secret.trim();
    save.mutate({ kind: integration.kind, body } as IntegrationUpdate, {
      onSuccess: () => {
        setSecret('');
        setSaved(true);
      },
    });
  };

  return (
    <Card withBorder padding="md" component="section" aria-label={`${spec.title} integration`}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Text fw={700}>{spec.title}</Text>
            <Badge color={integration.configured ? 'green' : 'gray'} variant="light">
              {integration.configured ? 'Configured' : 'Not configured'}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {spec.description}
          </Text>
          <Text size="sm">
            {spec.secret.label}: <b>{secretLabel}</b>
          </Text>
          {canEdit ? (
            <>
              <PasswordInput
                label={integration.secret.set ? `Replace ${spec.secret.label.toLowerCase()}` : spec.secret.label}
                description={integration.secret.set ? 'Leave empty to keep the stored one' : undefined}
                required={spec.secret.requiredFirstTime && !integration.secret.set}
                value={secret}
                onChange={(event) => setSecret(event.currentTarget.value)}
                autoComplete="off"
                error={fieldErrors[spec.secret.key]}
              />
              {spec.fields.map((field) => (
                <TextInput
                  key={field.key}
                  label={field.label}
                  placeholder={field.placeholder}
                  required={field.required}
                  value={values[field.key]}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    setValues((current) => ({ ...current, [field.key]: value }));
                  }}
                  error={fieldErrors[field.key]}
                />
              ))}
              {save.isError && Object.keys(fieldErrors).length === 0 && (
                <Alert color="red" role="alert" p="xs">
                  {describeError(save.error)}
                </Alert>
              )}
              <Group justify="space-between">
                <Text size="xs" c="dimmed">
                  {saved
                    ? 'Saved.'
                    : integration.updatedAt
                      ? `Last changed ${formatDateTime(integration.updatedAt)}`
                      : ''}
                </Text>
                <Button type="submit" loading={save.isPending}>
                  Save {spec.title}
                </Button>
              </Group>
            </>
          ) : (
            spec.fields.map((field) => (
              <Text key={field.key} size="sm">
                {field.label}: {values[field.key] || '—'}
              </Text>
            ))
          )}
        </Stack>
      </form>
    </Card>
  );
}
