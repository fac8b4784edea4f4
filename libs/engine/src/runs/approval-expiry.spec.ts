import { isApprovalExpired } from './approval-expiry';

const now = new Date('2026-03-10T12:00:00.000Z');

describe('isApprovalExpired', () => {
  it.each<[string, string, boolean]>([
    ['expiring later: not expired', '2026-03-10T12:00:00.001Z', false],
    ['expiring at this very instant: expired', '2026-03-10T12:00:00.000Z', true],
    ['expired earlier: expired', '2026-03-09T12:00:00.000Z', true],
  ])('%s', (_name, expiresAt, expected) => {
    expect(isApprovalExpired({ expiresAt: new Date(expiresAt) }, now)).toBe(expected);
  });
});
