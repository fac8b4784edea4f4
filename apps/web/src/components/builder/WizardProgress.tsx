import { Progress, Stack, Stepper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { WIZARD_STEPS, type BuilderStep } from './wizardSteps';

interface WizardProgressProps {
  active: number;
  /** Steps up to this index can be opened directly. */
  reached: number;
  onSelect: (index: number) => void;
  /** The wizard's steps ("Fill in" first when it starts from a template). */
  steps?: readonly BuilderStep[];
}

/** The stepper; on a phone, a one-line "Step 2 of 5" with a bar instead. */
export function WizardProgress({ active, reached, onSelect, steps = WIZARD_STEPS }: WizardProgressProps) {
  const compact = useMediaQuery('(max-width: 48em)');
  if (compact) {
    return (
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          Step {active + 1} of {steps.length}: {steps[active].label}
        </Text>
        <Progress value={((active + 1) / steps.length) * 100} size="sm" aria-label="Progress" />
      </Stack>
    );
  }
  return (
    <Stepper active={active} onStepClick={onSelect} size="sm" allowNextStepsSelect={false}>
      {steps.map((step, index) => (
        <Stepper.Step
          key={step.id}
          label={step.label}
          description={step.description}
          allowStepSelect={index <= reached}
        />
      ))}
    </Stepper>
  );
}
