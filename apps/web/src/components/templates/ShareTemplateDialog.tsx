import { useState } from 'react';
import { ActionIcon, Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { describeError } from '../../api/errors';
import { SHARE_CODE_DAYS, useRevokeTemplateShare, useShareTemplate } from '../../api/useTemplates';
import type { Template } from './templateModel';
import { expiryInWords } from './templateWords';

interface ShareTemplateDialogProps {
  template: Pick<Template, 'id' | 'name' | 'share'>;
  opened: boolean;
  onClose: () => void;
}

/**
 * Share (admins): creates a code another agency imports the template with. The code is shown once,
 * with a copy button and the day it stops working; a new code replaces the live one; Revoke ends it.
 */
export function ShareTemplateDialog({ template, opened, onClose }: ShareTemplateDialogProps) {
  const share = useShareTemplate();
  const revoke = useRevokeTemplateShare();
  const [created, setCreated] = useState<{ shareCode: string; expiresAt: string } | null>(null);

  const close = () => {
    setCreated(null);
    share.reset();
    revoke.reset();
    onClose();
  };
  const createCode = () => share.mutate({ id: template.id }, { onSuccess: setCreated });
  const revokeCode = () => revoke.mutate({ id: template.id }, { onSuccess: close });

  return (
    <Modal opened={opened} onClose={close} title={`Share “${template.name}”`} size="lg">
      <Stack gap="sm">
        {created ? (
          <>
            <Text size="sm">
              Give this code to the other agency: an admin there imports it on their Templates page. It is shown only
              now.
            </Text>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label="Share code"
                value={created.shareCode}
                readOnly
                style={{ flex: 1, minWidth: 0 }}
                onFocus={(event) => event.currentTarget.select()}
              />
              <CopyButton value={created.shareCode}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy the code'} withArrow>
                    <ActionIcon
                      size="lg"
                      variant={copied ? 'filled' : 'default'}
                      color={copied ? 'teal' : undefined}
                      onClick={copy}
                      aria-label={copied ? 'Copied' : 'Copy the code'}
                    >
                      {copied ? <IconCheck size={18} aria-hidden="true" /> : <IconCopy size={18} aria-hidden="true" />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Text size="sm">The code works until {expiryInWords(created.expiresAt)}.</Text>
            <Text size="sm" c="dimmed">
              They get a copy of the template only: its steps and the values it asks for — never your clients, people,
              Slack channels or keys.
            </Text>
          </>
        ) : (
          <>
            <Text size="sm">
              Create a code another agency can import this template with. They get a copy of the template only — never
              your clients, people, Slack channels or keys. The code works for {SHARE_CODE_DAYS} days unless you revoke
              it.
            </Text>
            {template.share && (
              <Alert color="blue" variant="light">
                A code is live until {expiryInWords(template.share.expiresAt)}. A new code replaces it: the old one
                stops working.
              </Alert>
            )}
          </>
        )}
        {(share.isError || revoke.isError) && (
          <Alert color="red" role="alert">
            {describeError(share.error ?? revoke.error)}
          </Alert>
        )}
        <Group justify="space-between" gap="sm">
          {created || template.share ? (
            <Button variant="subtle" color="red" onClick={revokeCode} loading={revoke.isPending}>
              Revoke the code
            </Button>
          ) : (
            <span />
          )}
          <Group gap="sm">
            <Button variant="default" onClick={close}>
              {created ? 'Done' : 'Cancel'}
            </Button>
            {!created && (
              <Button onClick={createCode} loading={share.isPending}>
                {template.share ? 'Create a new code' : 'Create share code'}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
