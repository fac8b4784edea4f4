/** What a draft is written from: the action's config (template already rendered) plus the run's snapshot. */
export interface DraftInput {
  platform: 'email' | 'slack';
  /** One of the product's tones (`friendly`, `professional`, `formal`, `casual`, `empathetic`). */
  tone: string;
  /** The admin's instructions for the draft. */
  template: string;
  client: { name: string; stage: string; health: string; assigneeName?: string | null };
  /** The triggering event's payload. */
  trigger: Record<string, unknown>;
  agencyName: string;
}

export interface DraftResult {
  /** The body. */
  content: string;
  /** Email drafts: the subject line (at most SUBJECT_MAX_LENGTH, one line); absent for Slack. */
  subject?: string;
  generator: 'openai' | 'template';
  /** The model that wrote the draft (`openai` only). */
  model?: string;
}

/** Writes a communication draft for human review; drafts are never sent by the drafter. */
export interface CommunicationDrafter {
  draft(input: DraftInput): Promise<DraftResult>;
}

export const DRAFT_TONE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  friendly: 'friendly: warm, upbeat and personal',
  professional: 'professional: clear, courteous and to the point',
  formal: 'formal: polite, reserved and precise, no slang or contractions',
  casual: 'casual: relaxed and conversational, short sentences',
  empathetic: 'empathetic: understanding and reassuring, acknowledging the client’s situation',
};

/** The tone if it is one the product knows, else `professional` (the tone never carries free text into a prompt). */
export function normalizeDraftTone(tone: string): string {
  const key = tone.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(DRAFT_TONE_DESCRIPTIONS, key) ? key : 'professional';
}

export const SUBJECT_MAX_LENGTH = 150;

/** A subject line: one line, whitespace collapsed, cut at a word within SUBJECT_MAX_LENGTH (with an ellipsis). */
export function cleanSubject(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= SUBJECT_MAX_LENGTH) return line;
  const cut = line.slice(0, SUBJECT_MAX_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The subject of an email draft without one from a model: the first sentence of the instructions (for the template
 * drafter they are the message itself), else "A note for <client>".
 */
export function subjectFromInstructions(template: string, clientName: string): string {
  const first =
    template
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean) ?? '';
  const sentence = (/^(.+?[.!?])(\s|$)/.exec(first)?.[1] ?? first).replace(/[.]$/, '');
  return cleanSubject(sentence) || cleanSubject(`A note for ${clientName}`);
}
