import { Badge, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { ApprovalItem } from '../../api/types';
import type { DraftEdits } from '../../api/useRunActions';

export type ApprovalDraftData = NonNullable<ApprovalItem['draft']>;

/** What the reviewer has in the fields: the draft's text until they change it. */
export interface DraftFields {
  subject: string;
  body: string;
}

export const fieldsOf = (draft: ApprovalDraftData): DraftFields => ({ subject: draft.subject ?? '', body: draft.body });

/** Only the fields that differ from the draft as written (trimmed as the API stores them); undefined when none. */
export function editsOf(draft: ApprovalDraftData, fields: DraftFields): DraftEdits | undefined {
  const edits: DraftEdits = {};
  if (draft.platform === 'email' && fields.subject.trim() !== (draft.subject ?? '').trim())
    edits.subject = fields.subject.trim();
  if (fields.body.trim() !== draft.body.trim()) edits.body = fields.body.trim();
  return Object.keys(edits).length > 0 ? edits : undefined;
}

/** A problem that stops the approval: a field left blank. */
export function fieldsProblem(draft: ApprovalDraftData, fields: DraftFields): { subject?: string; body?: string } {
  return {
    ...(draft.platform === 'email' && draft.subject !== null && !fields.subject.trim()
      ? { subject: 'The subject cannot be empty' }
      : {}),
    ...(!fields.body.trim() ? { body: 'The message cannot be empty' } : {}),
  };
}

interface ApprovalDraftProps {
  draft: ApprovalDraftData;
  /** The instructions the draft was written from (the step's rendered template). */
  instructions: string | null;
  fields: DraftFields;
  /** Null: read-only (viewers and managers). */
  onChange: ((fields: DraftFields) => void) | null;
  problems: { subject?: string; body?: string };
}

/** The draft under review: its subject and body, editable by admins before they approve it. */
export function ApprovalDraft({ draft, instructions, fields, onChange, problems }: ApprovalDraftProps) {
  const edited = editsOf(draft, fields) !== undefined;
  const kind = draft.platform === 'email' ? 'Email' : 'Slack message';
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {kind} draft
        </Text>
        <Badge size="sm" variant="light" color={draft.generator === 'openai' ? 'grape' : 'gray'}>
          {draft.generator === 'openai' ? 'Written by AI' : 'From the template'}
        </Badge>
        <Badge size="sm" variant="light" color="gray">
          {draft.tone}
        </Badge>
        {edited && (
          <Badge size="sm" variant="light" color="blue">
            Edited
          </Badge>
        )}
      </Group>
      {onChange ? (
        <>
          {draft.platform === 'email' && (
            <TextInput
              label="Subject"
              value={fields.subject}
              maxLength={150}
              error={problems.subject}
              onChange={(event) => onChange({ ...fields, subject: event.currentTarget.value })}
            />
          )}
          <Textarea
            label="Message"
            description="Edit it before approving; it is never sent automatically"
            value={fields.body}
            autosize
            minRows={6}
            maxRows={18}
            maxLength={20000}
            error={problems.body}
            onChange={(event) => onChange({ ...fields, body: event.currentTarget.value })}
          />
          {edited && (
            <Group justify="flex-end">
              <Button variant="subtle" size="xs" onClick={() => onChange(fieldsOf(draft))}>
                Undo my changes
              </Button>
            </Group>
          )}
        </>
      ) : (
        <Stack gap={4} aria-label={`${kind} draft`}>
          {draft.subject && (
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              Subject: {draft.subject}
            </Text>
          )}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {draft.body}
          </Text>
        </Stack>
      )}
      {instructions && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          Written from the instructions: {instructions}
        </Text>
      )}
    </Stack>
  );
}
