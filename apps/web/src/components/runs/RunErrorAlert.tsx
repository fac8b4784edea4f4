import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { JsonObject } from '../../lib/readJson';
import { describeRunError, runErrorFix } from '../../lib/runError';

interface RunErrorAlertProps {
  error: JsonObject | null | undefined;
  title: string;
  compact?: boolean;
}

/** The error of a run or a step in plain words, with a link to the setting that fixes it when there is one. */
export function RunErrorAlert({ error, title, compact = false }: RunErrorAlertProps) {
  const message = describeRunError(error);
  if (!message) return null;
  const fix = runErrorFix(error);
  return (
    <Alert
      color="red"
      variant="light"
      p={compact ? 'xs' : undefined}
      title={title}
      role={compact ? undefined : 'alert'}
    >
      <Stack gap={4}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {message}
        </Text>
        {fix && (
          <Anchor component={Link} to={fix.to} size="sm" underline="always">
            {fix.label}
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}
