import { FORBIDDEN_SEGMENTS, IDENTIFIER_REGEX, METRIC_NAME_REGEX } from '../shared/patterns';

/** Variables a template may use; `<name>` / `<field>` stand for any metric name / identifier. */
export const TEMPLATE_VARIABLES = [
  'client.name',
  'client.stage',
  'client.health',
  'client.assignee.name',
  'client.assignee.email',
  'metrics.<name>',
  'trigger.<field>',
  'trigger.date',
  'workflow.name',
  'agency.name',
] as const;

const FIXED_VARIABLES: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES.filter((variable) => !variable.includes('<')));

/** Why `path` (e.g. `client.name`) is not a usable template variable, or null when it is. */
export function describeTemplateVariableProblem(path: string): string | null {
  const segments = path.split('.');
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (forbidden !== undefined) return `'${forbidden}' is not allowed in template variables ({{${path}}})`;
  if (FIXED_VARIABLES.has(path)) return null;
  const [root, name, ...rest] = segments;
  if (rest.length === 0 && name !== undefined) {
    if (root === 'metrics' && METRIC_NAME_REGEX.test(name)) return null;
    if (root === 'trigger' && IDENTIFIER_REGEX.test(name)) return null;
  }
  return `unknown template variable '{{${path}}}' (known: ${TEMPLATE_VARIABLES.join(', ')})`;
}
