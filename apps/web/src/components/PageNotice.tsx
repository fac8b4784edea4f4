import { Alert } from '@mantine/core';

/** A short result message at the top of a page ("3 approved", "11 retried, 1 skipped…"). */
export interface Notice {
  color: string;
  text: string;
}

/** The page's latest result, dismissible, announced to screen readers as a status. */
export function PageNotice({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  if (!notice) return null;
  return (
    <Alert color={notice.color} withCloseButton closeButtonLabel="Dismiss" onClose={onDismiss} role="status">
      {notice.text}
    </Alert>
  );
}
