import {
  fillPlaceholders,
  findPlaceholderUses,
  isPathWithin,
  isPlaceholderRef,
  placeholderRef,
} from './placeholder-refs';

type Json = Record<string, unknown>;

describe('isPlaceholderRef', () => {
  it.each<[string, unknown]>([
    ['exactly one "$placeholder" string key', { $placeholder: 'channel' }],
    ['built by placeholderRef', placeholderRef('owner')],
    ['an object with no prototype', Object.assign(Object.create(null) as Json, { $placeholder: 'x' })],
    ['an empty key (the validator names it unknown)', { $placeholder: '' }],
  ])('is a reference: %s', (_case, value) => {
    expect(isPlaceholderRef(value)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a second key beside the marker', { $placeholder: 'channel', label: 'Channel' }],
    ['the marker holding a number', { $placeholder: 3 }],
    ['the marker holding an object', { $placeholder: { key: 'channel' } }],
    ['the marker holding null', { $placeholder: null }],
    ['another single key', { placeholder: 'channel' }],
    ['an empty object', {}],
    ['the marker text as a plain string', '$placeholder'],
    ['an array holding a reference', [{ $placeholder: 'channel' }]],
    ['null', null],
    [
      'a class instance with the marker',
      new (class Ref {
        $placeholder = 'channel';
      })(),
    ],
  ])('is not a reference: %s', (_case, value) => {
    expect(isPlaceholderRef(value)).toBe(false);
  });
});

describe('findPlaceholderUses', () => {
  const ref = placeholderRef;

  it.each<[string, unknown, { key: string; path: string }[]]>([
    ['no placeholder at all', { name: 'Plain', triggers: [{ type: 'inactivity', config: { days: 3 } }] }, []],
    ['the whole definition is a placeholder', ref('everything'), [{ key: 'everything', path: '' }]],
    [
      'a trigger config value',
      { triggers: [{ type: 'stage_change', config: { toStage: ref('stage') } }] },
      [{ key: 'stage', path: 'triggers[0].config.toStage' }],
    ],
    [
      'a nested trigger config value (the schedule filter)',
      { triggers: [{}, { type: 'scheduled', config: { clientFilter: { stages: [ref('firstStage'), 'active'] } } }] },
      [{ key: 'firstStage', path: 'triggers[1].config.clientFilter.stages[0]' }],
    ],
    [
      'a whole step config',
      { steps: [{ type: 'add_alert', config: ref('alert') }] },
      [{ key: 'alert', path: 'steps[0].config' }],
    ],
    [
      'step recipients and an item of another list',
      {
        steps: [{ config: { recipients: ref('channel') } }, { config: { recipients: ['a@b.example', ref('extra')] } }],
      },
      [
        { key: 'channel', path: 'steps[0].config.recipients' },
        { key: 'extra', path: 'steps[1].config.recipients[1]' },
      ],
    ],
    [
      'inside a branch: condition value, then and else steps',
      {
        steps: [
          {
            type: 'branch',
            condition: { all: [{ field: 'client.assigneeId', operator: 'equals', value: ref('owner') }] },
            then: [{ config: { assignee: ref('owner') } }],
            else: [{ type: 'branch', condition: { any: [] }, then: [{ config: { recipients: ref('channel') } }] }],
          },
        ],
      },
      [
        { key: 'owner', path: 'steps[0].condition.all[0].value' },
        { key: 'owner', path: 'steps[0].then[0].config.assignee' },
        { key: 'channel', path: 'steps[0].else[0].then[0].config.recipients' },
      ],
    ],
    [
      'a key with a second property is data, not a use (its children are still walked)',
      { steps: [{ config: { $placeholder: 'not-a-ref', other: ref('inner') } }] },
      [{ key: 'inner', path: 'steps[0].config.other' }],
    ],
  ])('%s', (_case, definition, expected) => {
    expect(findPlaceholderUses(definition)).toEqual(expected);
  });
});

describe('fillPlaceholders', () => {
  it.each<[string, unknown, Json, unknown]>([
    ['a string value', { message: placeholderRef('text') }, { text: 'Hello' }, { message: 'Hello' }],
    [
      'an array value in a nested step',
      { steps: [{ then: [{ config: { recipients: placeholderRef('to') } }] }] },
      { to: ['C0123ABCD'] },
      { steps: [{ then: [{ config: { recipients: ['C0123ABCD'] } }] }] },
    ],
    [
      'an item inside a list',
      { stages: [placeholderRef('stage'), 'active'] },
      { stage: 'onboarding' },
      { stages: ['onboarding', 'active'] },
    ],
    [
      'a value of false or 0 is a value',
      { flag: placeholderRef('on'), days: placeholderRef('days') },
      { on: false, days: 0 },
      { flag: false, days: 0 },
    ],
    ['a null value is a value', { assignee: placeholderRef('owner') }, { owner: null }, { assignee: null }],
    [
      'a placeholder without a value is left as it is',
      { a: placeholderRef('known'), b: placeholderRef('unknown') },
      { known: 1 },
      { a: 1, b: placeholderRef('unknown') },
    ],
    ['an inherited name is not a value', { a: placeholderRef('toString') }, {}, { a: placeholderRef('toString') }],
    ['the same placeholder twice', [placeholderRef('x'), placeholderRef('x')], { x: 'y' }, ['y', 'y']],
  ])('%s', (_case, definition, values, expected) => {
    expect(fillPlaceholders(definition, values)).toEqual(expected);
  });

  it('copies each value deeply, so neither the values nor the two filled positions share objects', () => {
    const values = { filter: { stages: ['active'] } };
    const definition = { first: placeholderRef('filter'), second: placeholderRef('filter') };
    const filled = fillPlaceholders(definition, values) as unknown as {
      first: { stages: string[] };
      second: { stages: string[] };
    };

    filled.first.stages.push('onboarding');

    expect(values.filter.stages).toEqual(['active']);
    expect(filled.second.stages).toEqual(['active']);
    expect(definition.first).toEqual(placeholderRef('filter'));
  });

  it('keeps an own "__proto__" key of the definition as a plain key instead of a prototype', () => {
    const definition = JSON.parse('{"config":{"__proto__":{"polluted":true}}}') as Json;
    const filled = fillPlaceholders(definition, {}) as { config: Json };

    expect(Object.getPrototypeOf(filled.config)).toBe(Object.prototype);
    expect(Object.keys(filled.config)).toEqual(['__proto__']);
    expect(({} as Json).polluted).toBeUndefined();
  });
});

describe('isPathWithin', () => {
  it.each<[string, string, string, boolean]>([
    ['the same path', 'steps[0].config.recipients', 'steps[0].config.recipients', true],
    ['a property inside', 'steps[0].config.recipients.length', 'steps[0].config.recipients', true],
    ['an item inside', 'steps[0].config.recipients[2]', 'steps[0].config.recipients', true],
    ['anything is within the root', 'name', '', true],
    ['a sibling sharing a prefix', 'steps[0].config.recipientsExtra', 'steps[0].config.recipients', false],
    ['an index sharing a prefix', 'steps[10].config', 'steps[1]', false],
    ['the parent', 'steps[0].config', 'steps[0].config.recipients', false],
    ['another branch', 'steps[0].else[0]', 'steps[0].then[0]', false],
  ])('%s: %s within %s → %s', (_case, path, base, expected) => {
    expect(isPathWithin(path, base)).toBe(expected);
  });
});
