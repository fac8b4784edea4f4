/** The template shapes the components use: the generated API types, named once. */
export type { Template, TemplateCategory, TemplatePlaceholder, TemplateSource } from '../../api/types';
