import { findUnsafeJson } from './json-body.parser';

describe('findUnsafeJson', () => {
  it.each([
    ['a __proto__ key, with its path', JSON.parse('{"steps":[{"config":{"__proto__":{"x":1}}}]}'), 'steps[0].config.__proto__', /__proto__/],
    ['a constructor.prototype pair', JSON.parse('{"a":{"constructor":{"prototype":{"x":1}}}}'), 'a.constructor.prototype', /constructor\.prototype/],
    ['a NUL character in a nested string', { events: [{ data: { body: 'ok' } }, { data: { body: 'a\u0000b' } }] }, 'events[1].data.body', /NUL/],
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
});
