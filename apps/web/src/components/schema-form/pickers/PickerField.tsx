import type { PickerKind } from '../jsonSchema';
import type { FieldProps } from '../fields/fieldProps';
import { EmailRecipientsPicker } from './EmailRecipientsPicker';
import { MetricPicker } from './MetricPicker';
import { SlackRecipientsPicker } from './SlackRecipientsPicker';
import { StageListPicker, StagePicker } from './StagePicker';
import { UserPicker } from './UserPicker';

const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);
const asStrings = (value: unknown) => (Array.isArray(value) ? value.map(String) : undefined);

/**
 * The schemas' descriptions speak to API integrators ("channel or user ids (C…, U…)"); someone picking from a list
 * reads what the list holds instead.
 */
const PICKER_DESCRIPTIONS: Partial<Record<PickerKind, string>> = {
  'slack-recipient': 'Channels and people of your Slack workspace.',
  'email-recipient': 'People of your agency, or type any email address.',
};

function describedForPicking(kind: PickerKind, description: string | undefined): string | undefined {
  if (PICKER_DESCRIPTIONS[kind]) return PICKER_DESCRIPTIONS[kind];
  if (kind === 'user' && description && /\bid\b/.test(description))
    return 'Pick a person from the list. Leave empty for nobody.';
  return description;
}

/** A config field whose schema declares `x-picker`: a pick from the agency's own lists instead of a raw identifier. */
export function PickerField({ kind, value, onChange, ...rest }: FieldProps<unknown> & { kind: PickerKind }) {
  const props = { ...rest, description: describedForPicking(kind, rest.description) };
  const isList = props.schema.type === 'array';
  switch (kind) {
    case 'stage':
      return isList ? (
        <StageListPicker {...props} value={asStrings(value)} onChange={onChange} />
      ) : (
        <StagePicker {...props} value={asString(value)} onChange={onChange} />
      );
    case 'metric':
      return <MetricPicker {...props} value={asString(value)} onChange={onChange} />;
    case 'user':
      return <UserPicker {...props} value={asString(value)} onChange={onChange} />;
    case 'slack-recipient':
      return <SlackRecipientsPicker {...props} value={asStrings(value)} onChange={onChange} />;
    case 'email-recipient':
      return <EmailRecipientsPicker {...props} value={asStrings(value)} onChange={onChange} />;
    default:
      return null;
  }
}
