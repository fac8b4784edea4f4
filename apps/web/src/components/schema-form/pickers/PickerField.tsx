import type { PickerKind } from '../jsonSchema';
import type { FieldProps } from '../fields/fieldProps';
import { EmailRecipientsPicker } from './EmailRecipientsPicker';
import { MetricPicker } from './MetricPicker';
import { SlackRecipientsPicker } from './SlackRecipientsPicker';
import { StageListPicker, StagePicker } from './StagePicker';
import { UserPicker } from './UserPicker';

const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);
const asStrings = (value: unknown) => (Array.isArray(value) ? value.map(String) : undefined);

/** A config field whose schema declares `x-picker`: a pick from the agency's own lists instead of a raw identifier. */
export function PickerField({ kind, value, onChange, ...props }: FieldProps<unknown> & { kind: PickerKind }) {
  const isList = props.schema.type === 'array';
  switch (kind) {
    case 'stage':
      return isList ? <StageListPicker {...props} value={asStrings(value)} onChange={onChange} /> : <StagePicker {...props} value={asString(value)} onChange={onChange} />;
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
