import { List } from '@mantine/core';
import { useBuilder } from '../BuilderContext';
import { HelpSection, StepHelp } from './StepHelp';
import { TypeList } from './TypeList';

/** Help for the Triggers step: what starts an automation, AND, and where the examples are. */
export function TriggersHelp() {
  const { catalogs } = useBuilder();
  return (
    <StepHelp
      step="Triggers"
      summary="A trigger is what starts the automation for a client: something that happens to the client, or a schedule."
    >
      <HelpSection title="What you decide here">
        <List size="sm" spacing={4}>
          <List.Item>
            Which event starts it, and its details: which stage, how many quiet days, which metric and threshold.
          </List.Item>
          <List.Item>
            Optionally a second trigger. Both must then be true (AND): for example, a client moves into onboarding while
            their ROAS is below 2.
          </List.Item>
          <List.Item>
            Under each trigger, “Show examples” lists ready-made settings; “Use this example” fills the form, and you
            adjust it.
          </List.Item>
        </List>
      </HelpSection>
      <HelpSection title="What can start an automation">
        <TypeList types={catalogs.triggers} />
      </HelpSection>
    </StepHelp>
  );
}
