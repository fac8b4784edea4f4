import { List } from '@mantine/core';
import { useBuilder } from '../BuilderContext';
import { HelpSection, StepHelp } from './StepHelp';
import { TypeList } from './TypeList';

/** Help for the Actions step: what the automation does, in order, with branches and options. */
export function ActionsHelp() {
  const { catalogs } = useBuilder();
  return (
    <StepHelp
      step="Actions"
      summary="Actions are what the automation does, one after the other, for the client it started for."
    >
      <HelpSection title="What you decide here">
        <List size="sm" spacing={4}>
          <List.Item>
            Which actions and in which order: drag a step by its handle, or move it with the arrows.
          </List.Item>
          <List.Item>
            The texts: “Insert variable” adds the client’s name, a metric or the assignee, filled in for each client
            when the automation runs.
          </List.Item>
          <List.Item>
            An IF/ELSE branch when some steps depend on the client, for example only when the client’s health is red.
          </List.Item>
          <List.Item>
            Under “More options” of a step: wait before it, ask for approval, go on when it fails, or run it only in
            some cases.
          </List.Item>
          <List.Item>
            Under each action, “Show examples” lists ready-made settings; “Use this example” fills the form, and you
            adjust it.
          </List.Item>
        </List>
      </HelpSection>
      <HelpSection title="What an automation can do">
        <TypeList types={catalogs.actions} />
      </HelpSection>
    </StepHelp>
  );
}
