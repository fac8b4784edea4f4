import { ActionIcon, Code, Menu, ScrollArea, Text } from '@mantine/core';
import type { TemplateVariableGroup } from './templateVariables';

interface TemplateVariablePickerProps {
  groups: TemplateVariableGroup[];
  /** Label of the field it inserts into, for the button's accessible name. */
  fieldLabel: string;
  /** Gets the placeholder, e.g. `{{client.name}}`. */
  onPick: (placeholder: string) => void;
}

/** A small menu beside a text field that inserts `{{client.name}}` and friends at the caret. */
export function TemplateVariablePicker({ groups, fieldLabel, onPick }: TemplateVariablePickerProps) {
  return (
    <Menu position="bottom-end" withinPortal returnFocus={false} shadow="md" width={260}>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-label={`Insert a variable into ${fieldLabel}`}
          title="Insert a variable"
        >
          <Text span size="xs" fw={700} ff="monospace" aria-hidden>
            {'{x}'}
          </Text>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <ScrollArea.Autosize mah={320} type="auto">
          {groups.map((group) => (
            <div key={group.group}>
              <Menu.Label>{group.group}</Menu.Label>
              {group.variables.map((variable) => (
                <Menu.Item
                  key={variable.path}
                  onClick={() => onPick(`{{${variable.path}}}`)}
                  rightSection={<Code>{variable.path}</Code>}
                >
                  {variable.label}
                </Menu.Item>
              ))}
            </div>
          ))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
