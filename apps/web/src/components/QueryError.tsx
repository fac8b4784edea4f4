import { Alert, Button, Stack, Text } from '@mantine/core';
import { describeError } from '../api/errors';

interface QueryErrorProps {
  title: string;
  error: unknown;
  onRetry: () => void;
}

export function QueryError({ title, error, onRetry }: QueryErrorProps) {
  return (
    <Alert color="red" title={title} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{describeError(error)}</Text>
        <Button size="compact-sm" variant="light" color="red" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
