import { List } from '@mantine/core';
import { HelpSection, StepHelp } from './StepHelp';

/** Help for the first step of an automation started from a template: the values only the agency knows. */
export function FillInHelp() {
  return (
    <StepHelp
      step="Fill in"
      summary="A template cannot know who should hear about it or which limits suit you: tell it here."
    >
      <HelpSection title="What you decide here">
        <List size="sm" spacing={4}>
          <List.Item>
            <b>People and channels</b>: pick the Slack channels, team members or email addresses that should get its
            messages and tasks.
          </List.Item>
          <List.Item>
            <b>Limits</b>: a suggested value is filled in (for example a ROAS floor of 2); change it to what fits your
            clients.
          </List.Item>
          <List.Item>
            Everything else comes from the template; you can read and change it in the next steps before saving.
          </List.Item>
        </List>
      </HelpSection>
    </StepHelp>
  );
}
