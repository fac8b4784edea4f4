import { containsPattern } from './contains-pattern';

describe('containsPattern', () => {
  it.each([
    ['plain words', 'acme dental', '%acme dental%'],
    ['a percent sign', '100%', '%100\\%%'],
    ['an underscore', 'at_risk', '%at\\_risk%'],
    ['a backslash', 'a\\b', '%a\\\\b%'],
    ['nothing', '', '%%'],
  ])('%s: %j → %j', (_what, text, pattern) => {
    expect(containsPattern(text)).toBe(pattern);
  });
});
