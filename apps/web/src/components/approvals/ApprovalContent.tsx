import { Blockquote, Stack, Text } from '@mantine/core';
import type { ApprovalItem } from '../../api/types';
import { KeyValueTable } from '../KeyValueTable';

/** The text a reviewer reads first, per action type; the rest of the rendered config goes below. */
const MAIN_FIELD: Record<string, string[]> = {
  draft_communication: ['content', 'draft', 'template'],
  send_notification: ['message'],
  create_task: ['title'],
  create_ticket: ['title'],
  add_alert: ['title'],
};

const CAPTIONS: Record<string, string> = {
  template: 'Instructions for the draft',
  content: 'Draft',
  draft: 'Draft',
  message: 'Message',
  title: 'Title',
};

/** The rendered content of an approval: the message or draft text big, the other settings small. */
export function ApprovalContent({ approval }: { approval: ApprovalItem }) {
  const config = approval.renderedConfig ?? {};
  const mainKey = (MAIN_FIELD[approval.actionType] ?? []).find(
    (key) => typeof config[key] === 'string' && config[key] !== '',
  );
  const { [mainKey ?? '']: main, ...rest } = config;
  if (Object.keys(config).length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The rendered content is no longer stored.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {mainKey && (
        <Blockquote p="sm" color="indigo" cite={CAPTIONS[mainKey] ?? mainKey} aria-label={CAPTIONS[mainKey] ?? mainKey}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {String(main)}
          </Text>
        </Blockquote>
      )}
      {Object.keys(rest).length > 0 && <KeyValueTable value={rest} label="Settings of the action" />}
    </Stack>
  );
}
