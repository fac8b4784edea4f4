import { findUnsafeJson, jsonNestingExceeds, MAX_JSON_DEPTH } from './json-body.parser';

describe('findUnsafeJson', () => {
  it.each([
    [
      'a __proto__ key, with its path',
      JSON.parse('{"steps":[{"config":{"__proto__":{"x":1}}}]}'),
      'steps[0].config.__proto__',
      /__proto__/,
    ],
    [
      'a constructor.prototype pair',
      JSON.parse('{"a":{"constructor":{"prototype":{"x":1}}}}'),
      'a.constructor.prototype',
      /constructor\.prototype/,
    ],
    [
      'a NUL character in a nested string',
      { events: [{ data: { body: 'ok' } }, { data: { body: 'a\u0000b' } }] },
      'events[1].data.body',
      /NUL/,
    ],
    ['a NUL character in a field name', { ['na\u0000me']: 'x' }, 'na\u0000me', /field names/],
  ])('reports %s', (_label, body, path, message) => {
    const problem = findUnsafeJson(body);
    expect(problem?.path).toBe(path);
    expect(problem?.message).toMatch(message);
  });

  it.each([
    ['ordinary data', { name: 'Acme <b> & {{client.name}}', values: [1, null, true, { nested: 'x' }] }],
    ['a metric named constructor (no prototype inside)', { metrics: { constructor: 1, prototype: 2 } }],
    ['scalars', 'text'],
  ])('accepts %s', (_label, body) => {
    expect(findUnsafeJson(body)).toBeNull();
  });

  it('walks a body nested far deeper than the call stack allows without throwing, and refuses it past MAX_JSON_DEPTH', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const problem = findUnsafeJson(deep);
    expect(problem?.message).toMatch(/deeper than 64 levels/);
    expect(problem?.path).toBe('[0]'.repeat(MAX_JSON_DEPTH));
  });

  it('accepts exactly MAX_JSON_DEPTH levels and keeps reporting problems in document order', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH; i += 1) deep = { a: deep };
    expect(findUnsafeJson(deep)).toBeNull();
    expect(findUnsafeJson({ a: { b: 'x\u0000' }, __proto__x: 1, c: ['y\u0000'] })?.path).toBe('a.b');
  });
});

describe('jsonNestingExceeds', () => {
  it.each([
    ['3000 nested arrays', '['.repeat(3000) + ']'.repeat(3000), true],
    ['65 nested objects', '{"a":'.repeat(65) + '1' + '}'.repeat(65), true],
    ['64 nested objects', '{"a":'.repeat(64) + '1' + '}'.repeat(64), false],
    ['brackets inside strings', JSON.stringify({ text: '['.repeat(500) + '\\"{'.repeat(100) }), false],
  ])('%s', (_label, text, expected) => {
    expect(jsonNestingExceeds(text)).toBe(expected);
  });
});
