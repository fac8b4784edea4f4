import {
  type CommunicationDrafter,
  type DraftInput,
  type DraftResult,
  normalizeDraftTone,
  subjectFromInstructions,
} from './communication-drafter';

const GREETINGS: Readonly<Record<string, string>> = {
  friendly: 'Hi',
  casual: 'Hey',
  professional: 'Hello',
  formal: 'Dear',
  empathetic: 'Hi',
};
const OPENERS: Readonly<Record<string, string>> = {
  friendly: 'I hope you are doing well!',
  casual: 'Hope all is good on your side.',
  professional: 'I hope this message finds you well.',
  formal: 'I trust this message finds you well.',
  empathetic: 'I hope you and your team are doing well, and I want you to know we are here to help.',
};
const SIGN_OFFS: Readonly<Record<string, string>> = {
  friendly: 'Cheers',
  casual: 'Thanks',
  professional: 'Best regards',
  formal: 'Kind regards',
  empathetic: 'Warm regards',
};

function oneLine(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** The instructions as paragraphs: lines trimmed, runs of blank lines collapsed. */
function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A deterministic draft without any AI provider (`generator: "template"`): a greeting with the
 * client's name, an opener chosen by the tone, the admin's instructions as the body, and a
 * sign-off with the agency's name. The same input always gives the same draft.
 */
export class TemplateDrafter implements CommunicationDrafter {
  async draft(input: DraftInput): Promise<DraftResult> {
    const tone = normalizeDraftTone(input.tone);
    const name = oneLine(input.client.name) || (tone === 'formal' ? 'Sir or Madam' : 'there');
    const agency = oneLine(input.agencyName) || 'the team';
    const assignee = oneLine(input.client.assigneeName);
    const body = paragraphs(input.template);
    const signOff = SIGN_OFFS[tone];

    const content =
      input.platform === 'slack'
        ? [
            `${GREETINGS[tone]} ${name}! ${OPENERS[tone]}`,
            body,
            `${signOff}, ${assignee ? `${assignee} (${agency})` : agency}`,
          ]
        : [
            `${GREETINGS[tone]} ${name},`,
            OPENERS[tone],
            body,
            [`${signOff},`, ...(assignee ? [assignee] : []), agency].join('\n'),
          ];
    const subject =
      input.platform === 'email'
        ? { subject: subjectFromInstructions(input.template, oneLine(input.client.name) || agency) }
        : {};
    return { content: content.filter(Boolean).join('\n\n'), generator: 'template', ...subject };
  }
}
