import { List, Paper, Text } from '@mantine/core';
import { HelpSection, StepHelp } from './StepHelp';

/** Help for the Basics step: naming the automation and what approval means. */
export function BasicsHelp() {
  return (
    <StepHelp
      step="Basics"
      summary="Name the automation and say what it is for. Nothing runs yet: the next steps choose what starts it and what it does."
    >
      <HelpSection title="What you decide here">
        <List size="sm" spacing={4}>
          <List.Item>
            <b>A name</b> your colleagues recognise at a glance on the dashboard, in run history and in notifications.
            Say what happens and when: “Kickoff task when a client starts onboarding” tells more than “Automation 3”.
          </List.Item>
          <List.Item>
            <b>A description</b> (optional): why it exists and who looks after it.
          </List.Item>
          <List.Item>
            <b>Approval</b>: when every action needs approval, each action of a run waits in Approvals until an admin
            approves it, and nothing happens before. Use it while you try out a new automation, or when it writes to
            clients. You can also ask for approval on single actions in the Actions step.
          </List.Item>
        </List>
      </HelpSection>
      <HelpSection title="For example">
        <Paper withBorder p="xs" radius="sm">
          <Text size="sm">
            <b>Name:</b> ROAS drop rescue
          </Text>
          <Text size="sm">
            <b>Description:</b> When a client’s ROAS falls below 2, their account manager gets a task to review the
            campaigns and the team gets a Slack alert.
          </Text>
          <Text size="sm">
            <b>Approval:</b> off, because the task and the alert stay inside the agency.
          </Text>
        </Paper>
      </HelpSection>
    </StepHelp>
  );
}
