import { type DraftEditInput, type DraftEditsResult, draftEdits, type EditableDraft } from './draft-edits';

const email: EditableDraft = { platform: 'email', subject: 'Your report', content: 'Hi Acme' };
const slack: EditableDraft = { platform: 'slack', subject: null, content: 'Hi Acme' };

describe('draftEdits', () => {
  it.each<[string, EditableDraft | null, DraftEditInput | undefined, DraftEditsResult]>([
    ['no draft, no edits: nothing changes', null, undefined, { ok: true, edits: null }],
    ['no draft, an empty edit object: nothing changes', null, {}, { ok: true, edits: null }],
    ['no draft but a body: edits without draft', null, { body: 'x' }, { ok: false, outcome: 'edits_without_draft' }],
    [
      'no draft but a subject: edits without draft',
      null,
      { subject: 'x' },
      { ok: false, outcome: 'edits_without_draft' },
    ],
    ['a draft approved as is', email, undefined, { ok: true, edits: null }],
    [
      'an edited body is kept with the original',
      email,
      { body: 'Hello Acme' },
      { ok: true, edits: { body: { original: 'Hi Acme', edited: 'Hello Acme' } } },
    ],
    [
      'an edited subject is kept with the original',
      email,
      { subject: 'March report' },
      { ok: true, edits: { subject: { original: 'Your report', edited: 'March report' } } },
    ],
    [
      'both fields edited',
      email,
      { subject: 'S', body: 'B' },
      {
        ok: true,
        edits: { subject: { original: 'Your report', edited: 'S' }, body: { original: 'Hi Acme', edited: 'B' } },
      },
    ],
    [
      'fields sent unchanged are no edit',
      email,
      { subject: 'Your report', body: 'Hi Acme' },
      { ok: true, edits: null },
    ],
    [
      'only the changed field of two is kept',
      email,
      { subject: 'Your report', body: 'B' },
      { ok: true, edits: { body: { original: 'Hi Acme', edited: 'B' } } },
    ],
    [
      'a Slack draft takes a body edit',
      slack,
      { body: 'Yo' },
      { ok: true, edits: { body: { original: 'Hi Acme', edited: 'Yo' } } },
    ],
    [
      'a Slack draft has no subject: subject not allowed',
      slack,
      { subject: 'S' },
      { ok: false, outcome: 'subject_not_allowed' },
    ],
    ['even together with a body', slack, { subject: 'S', body: 'Yo' }, { ok: false, outcome: 'subject_not_allowed' }],
    [
      'an empty body is an edit too',
      email,
      { body: '' },
      { ok: true, edits: { body: { original: 'Hi Acme', edited: '' } } },
    ],
  ])('%s', (_name, draft, input, expected) => {
    expect(draftEdits(draft, input)).toEqual(expected);
  });
});
