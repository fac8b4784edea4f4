import { renderTemplate, type TemplateContext } from '../templates/template-renderer';
import type { TemplateEscape } from '../templates/template-escaping';
import type { ActionStep } from '../types/workflow-definition.types';

/** Where each rendered value lands decides its escaping (PRODUCT.md §2). */
function escapeFor(step: ActionStep, key: string): TemplateEscape {
  if (step.type !== 'send_notification') return 'none';
  const channel = (step.config as { channel: string }).channel;
  if (channel === 'slack') return key === 'message' ? 'slack' : 'none';
  if (key === 'subject') return 'header';
  if (key === 'message') return 'html';
  return 'none';
}

function renderValue(value: unknown, render: (text: string) => string): unknown {
  if (typeof value === 'string') return render(value);
  if (Array.isArray(value)) return value.map((item) => renderValue(item, render));
  return value;
}

/**
 * The step's config with every template rendered from the run's snapshot, escaped for its
 * destination. Email notifications also get `text`, the message rendered without HTML escaping.
 */
export function renderStepConfig(step: ActionStep, context: TemplateContext): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(step.config as Record<string, unknown>)) {
    rendered[key] = renderValue(value, (text) => renderTemplate(text, context, escapeFor(step, key)));
  }
  if (step.type === 'send_notification' && (step.config as { channel: string }).channel === 'email') {
    rendered.text = renderTemplate((step.config as { message: string }).message, context, 'none');
  }
  return rendered;
}
