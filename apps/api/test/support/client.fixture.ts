import { bearer, TestApi } from './test-api';

export interface ClientBody {
  id: string;
  name: string;
  stage: string;
  health: string;
  assigneeId: string | null;
  lastActivityAt: string;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

let counter = 0;

/** Creates a client through the API (as the given credential) and returns the response body. */
export async function createClient(
  api: TestApi,
  token: string,
  body: Record<string, unknown> = {},
): Promise<ClientBody> {
  const response = await api
    .http()
    .post('/api/v1/clients')
    .set(bearer(token))
    .send({ name: `Client ${++counter}`, stage: 'lead', ...body })
    .expect(201);
  return response.body;
}
