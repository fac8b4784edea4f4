import { List } from '@mantine/core';
import { HelpSection, StepHelp } from './StepHelp';

/** Help for the Review & test step: what the preview does, that it sends nothing, and how to save. */
export function ReviewHelp() {
  return (
    <StepHelp step="Review & test" summary="Read the automation in words, try it on a client, then save it.">
      <HelpSection title="What you decide here">
        <List size="sm" spacing={4}>
          <List.Item>
            Whether it does what you meant: the summary and the flow show every trigger, step and branch.
          </List.Item>
          <List.Item>
            <b>Run preview</b> plays the automation for one client, one of yours or a made-up sample, and shows what
            each step would do, with the messages as they would be written.
          </List.Item>
          <List.Item>
            <b>Nothing is sent during a test</b>: no Slack message or email goes out, and no task, ticket, alert or
            client change is made.
          </List.Item>
          <List.Item>
            <b>Save paused</b> keeps it off until you activate it; <b>Save and activate</b> starts it now.
          </List.Item>
        </List>
      </HelpSection>
    </StepHelp>
  );
}
