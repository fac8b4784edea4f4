import { describe, expect, it } from 'vitest';
import { bulkResultInWords } from './RunBulkActions';

const id = () => crypto.randomUUID();

describe('bulkResultInWords', () => {
  it('says how many were done, and nothing more when none was skipped', () => {
    expect(bulkResultInWords({ matched: 1200, done: 1200, skipped: [] }, 'retried')).toBe('1,200 retried');
  });

  it('gives the reason in words for one skipped run, or for several with one reason', () => {
    expect(
      bulkResultInWords({ matched: 12, done: 11, skipped: [{ runId: id(), reason: 'not_failed' }] }, 'retried'),
    ).toBe('11 retried, 1 skipped: it is no longer failed');
    expect(
      bulkResultInWords(
        {
          matched: 2,
          done: 0,
          skipped: [
            { runId: id(), reason: 'not_found' },
            { runId: id(), reason: 'not_found' },
          ],
        },
        'cancelled',
      ),
    ).toBe('0 cancelled, 2 skipped: they no longer exist');
  });

  it('counts each reason when there are several', () => {
    expect(
      bulkResultInWords(
        {
          matched: 5,
          done: 2,
          skipped: [
            { runId: id(), reason: 'already_finished' },
            { runId: id(), reason: 'running' },
            { runId: id(), reason: 'already_finished' },
          ],
        },
        'cancelled',
      ),
    ).toBe('2 cancelled, 3 skipped: 2 have already finished, 1 is running right now');
  });
});
