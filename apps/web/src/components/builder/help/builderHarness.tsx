import { useState, type ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { actionTypes, triggerTypes } from '../../../test/appStubs';
import { BuilderContext, type BuilderContextValue } from '../BuilderContext';

/** For component tests: a builder part with the real catalogs, its own query client and no errors. */
export function BuilderHarness({
  children,
  context = {},
}: {
  children: ReactNode;
  context?: Partial<BuilderContextValue>;
}) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  const value: BuilderContextValue = {
    catalogs: { triggers: triggerTypes.items, actions: actionTypes.items },
    errors: {},
    clearError: () => undefined,
    variableGroups: [],
    conditionFields: ['client.health'],
    requiresApprovalForAll: false,
    defaultTimezone: 'Europe/Berlin',
    ...context,
  };
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider env="test">
        <BuilderContext.Provider value={value}>{children}</BuilderContext.Provider>
      </MantineProvider>
    </QueryClientProvider>
  );
}
