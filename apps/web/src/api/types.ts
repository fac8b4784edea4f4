import type { components, paths } from './schema';

/** Names for the generated API types, so app code never restates a shape by hand. */
type Schemas = components['schemas'];

export type LoginRequest = Schemas['LoginDto'];
export type LoginResponse = Schemas['LoginResponseDto'];
export type Agency = Schemas['AgencyDto'];
export type WorkflowPage = Schemas['WorkflowPageDto'];
// Taken from the page rather than by name, so a rename of the item schema does not break the app.
export type WorkflowListItem = WorkflowPage['items'][number];
export type ErrorResponse = Schemas['ErrorResponseDto'];

export type WorkflowListQuery = NonNullable<paths['/api/v1/workflows']['get']['parameters']['query']>;
