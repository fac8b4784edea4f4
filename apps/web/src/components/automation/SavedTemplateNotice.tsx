import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Template } from '../../api/types';

/** After "Save as template": where the template is, and which of its values are left to fill in when it is used. */
export function SavedTemplateNotice({ template, onClose }: { template: Template; onClose: () => void }) {
  const labels = template.placeholders.map((placeholder) => placeholder.label);
  return (
    <Alert
      color="teal"
      variant="light"
      role="status"
      title="Saved as a template"
      withCloseButton
      closeButtonLabel="Close the notice"
      onClose={onClose}
    >
      <Text size="sm">
        “{template.name}” is in your template library.{' '}
        <Anchor component={Link} to={`/templates/${template.id}`} size="sm">
          Open the template
        </Anchor>
      </Text>
      <Text size="sm" mt={4}>
        {labels.length > 0
          ? `To be filled in by whoever uses it: ${labels.join(', ')}.`
          : 'Nothing is left to fill in: it names no person, channel or address of your agency.'}
      </Text>
    </Alert>
  );
}
