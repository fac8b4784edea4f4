import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';

interface RejectApprovalModalProps {
  /** What is being rejected ("Onboarding kickoff for Acme"), or null when closed. */
  subject: string | null;
  loading: boolean;
  error: string | null;
  onCancel: () => void;
  onReject: (reason: string) => void;
}

/** Asks for the reason of a rejection; it is recorded on the run and in the audit trail. */
export function RejectApprovalModal({ subject, loading, error, onCancel, onReject }: RejectApprovalModalProps) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const close = () => {
    setReason('');
    setMissing(false);
    onCancel();
  };
  const submit = () => {
    const trimmed = reason.trim();
    if (!trimmed) {
      setMissing(true);
      return;
    }
    onReject(trimmed);
  };
  return (
    <Modal opened={subject !== null} onClose={close} title="Reject this action?" centered>
      <Stack gap="md">
        <Text size="sm">{subject}: the step is not run, and the run ends as rejected.</Text>
        <Textarea
          label="Reason"
          description="Shown on the run and in the audit trail"
          placeholder="e.g. Tone is too pushy for this client"
          autosize
          minRows={3}
          maxLength={1000}
          required
          value={reason}
          error={missing ? 'Give a reason for the rejection' : undefined}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            if (event.currentTarget.value.trim()) setMissing(false);
          }}
          data-autofocus
        />
        {error && (
          <Alert color="red" role="alert" p="xs">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} size="md">
            Cancel
          </Button>
          <Button color="red" onClick={submit} loading={loading} size="md">
            Reject
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
