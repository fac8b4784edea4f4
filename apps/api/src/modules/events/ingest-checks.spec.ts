import type { EventInputDto } from './dto/event-input.dto';
import { clientKey, requestError } from './ingest-checks';
import type { IngestRequest } from './ingest-request';

const AGENCY = 'a0000000-0000-4000-8000-000000000001';
const OTHER = 'a0000000-0000-4000-8000-000000000002';
const KNOWN = 'c0000000-0000-4000-8000-000000000001';
const UNKNOWN = 'c0000000-0000-4000-8000-000000000002';

const activity = (clientId: string) => ({ type: 'client.activity', clientId, data: {} }) as EventInputDto;
const stage = (clientId: string, toStage: string) =>
  ({ type: 'client.stage_changed', clientId, data: { fromStage: 'gone', toStage } }) as EventInputDto;
const single = (event: EventInputDto, agencyId = AGENCY): IngestRequest => ({
  agencyId,
  events: [event],
  batch: false,
});
const batch = (...events: EventInputDto[]): IngestRequest => ({ agencyId: AGENCY, events, batch: true });

const known = new Set([clientKey(AGENCY, KNOWN)]);
const stages = new Map([[AGENCY, ['lead', 'active']]]);

const answer = (request: IngestRequest, stagesByAgency = stages) => {
  const error = requestError(request, known, stagesByAgency);
  return error && { status: error.getStatus(), body: error.getResponse() };
};

describe('requestError', () => {
  it.each([
    ['a known client', single(activity(KNOWN)), null],
    ['a known stage (fromStage is not checked)', single(stage(KNOWN, 'active')), null],
    [
      'an unknown client',
      single(activity(UNKNOWN)),
      {
        status: 404,
        body: { message: 'Client not found', details: [{ path: 'clientId', message: 'no such client' }] },
      },
    ],
    [
      'a client of another agency',
      single(activity(KNOWN), OTHER),
      {
        status: 404,
        body: { message: 'Client not found', details: [{ path: 'clientId', message: 'no such client' }] },
      },
    ],
    [
      'the first unknown client of a batch, before its unknown stages',
      batch(stage(KNOWN, 'nowhere'), activity(KNOWN), activity(UNKNOWN), activity(UNKNOWN)),
      {
        status: 404,
        body: { message: 'Client not found', details: [{ path: 'events[2].clientId', message: 'no such client' }] },
      },
    ],
    [
      'every unknown stage of a batch',
      batch(stage(KNOWN, 'active'), stage(KNOWN, 'nowhere'), stage(KNOWN, 'limbo')),
      {
        status: 400,
        body: {
          message: expect.stringMatching(/^events\[1\]\.data\.toStage: unknown stage 'nowhere'.*\(and 1 more\)$/),
          details: [
            { path: 'events[1].data.toStage', message: expect.stringContaining("unknown stage 'nowhere'") },
            { path: 'events[2].data.toStage', message: expect.stringContaining("unknown stage 'limbo'") },
          ],
        },
      },
    ],
  ])('%s', (_case, request, expected) => {
    expect(answer(request)).toEqual(expected);
  });

  it('answers 404 Agency when the stages of a missing agency are needed', () => {
    expect(answer(single(stage(KNOWN, 'active')), new Map())).toEqual({
      status: 404,
      body: { message: 'Agency not found', details: undefined },
    });
  });
});
