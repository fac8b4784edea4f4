import { Alert, Anchor, Center, Stack, Text } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Last-resort screen when a route fails to render. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : undefined;
  return (
    <Center mih="100vh" p="md">
      <Alert color="red" title="Something went wrong" maw={480} w="100%">
        <Stack gap="xs">
          {detail && <Text size="sm">{detail}</Text>}
          <Anchor href="/">Reload the app</Anchor>
        </Stack>
      </Alert>
    </Center>
  );
}
