import { describeTemplateVariableProblem } from './template-variables';
import { tokenizeTemplate } from './template-tokenizer';

const MAX_QUOTED_LENGTH = 60;

function quote(raw: string): string {
  return raw.length > MAX_QUOTED_LENGTH ? `${raw.slice(0, MAX_QUOTED_LENGTH)}…` : raw;
}

/** The variable paths used by well-formed placeholders, unique, in order of appearance. */
export function extractTemplateVariables(text: string): string[] {
  const paths = tokenizeTemplate(text).flatMap((token) => (token.kind === 'variable' ? [token.path] : []));
  return [...new Set(paths)];
}

/** Problems of a template (malformed placeholders, unknown or forbidden variables); empty when fine. */
export function checkTemplate(text: string): string[] {
  const problems: string[] = [];
  for (const token of tokenizeTemplate(text)) {
    if (token.kind === 'malformed') {
      problems.push(`malformed template expression '${quote(token.raw)}': ${token.problem}`);
    } else if (token.kind === 'variable') {
      const problem = describeTemplateVariableProblem(token.path);
      if (problem) problems.push(problem);
    }
  }
  return [...new Set(problems)];
}
