/** How a substituted value is escaped for the place it lands in. */
export type TemplateEscape = 'none' | 'slack' | 'html' | 'header';

const SLACK_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const HTML_ENTITIES: Readonly<Record<string, string>> = { ...SLACK_ENTITIES, '"': '&quot;', "'": '&#39;' };

export function escapeTemplateValue(value: string, escape: TemplateEscape): string {
  switch (escape) {
    case 'slack':
      return value.replace(/[&<>]/g, (char) => SLACK_ENTITIES[char]);
    case 'html':
      return value.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
    case 'header':
      return value.replace(/[\r\n]/g, '');
    case 'none':
      return value;
  }
}
