import { MultiSelect, NativeSelect } from '@mantine/core';
import { useAgency } from '../../../api/useAgency';
import type { FieldProps } from '../fields/fieldProps';

/** The agency's pipeline stages as options, plus values already stored that the pipeline no longer has. */
function stageOptions(stages: readonly string[], current: readonly string[]) {
  const extra = current.filter((value) => !stages.includes(value));
  return [
    ...stages.map((stage) => ({ value: stage, label: stage })),
    ...extra.map((value) => ({ value, label: value.includes('{{') ? value : `${value} (not a pipeline stage)` })),
  ];
}

/** One of the agency's pipeline stages (Settings → Agency); a native select, like the other closed lists. */
export function StagePicker({ label, description, required, error, value, onChange, disabled }: FieldProps<string>) {
  const agency = useAgency();
  const stages = agency.data?.pipelineStages ?? [];
  const data = [
    { value: '', label: agency.isLoading ? 'Loading stages…' : required ? 'Choose a stage…' : '(any stage)' },
    ...stageOptions(stages, value ? [value] : []),
  ];
  return (
    <NativeSelect
      label={label}
      description={description}
      withAsterisk={required}
      aria-required={required || undefined}
      error={error}
      disabled={disabled}
      data={data}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value || undefined)}
    />
  );
}

/** Several pipeline stages, in the pipeline's order. */
export function StageListPicker({
  label,
  description,
  required,
  error,
  value,
  onChange,
  disabled,
}: FieldProps<string[]>) {
  const agency = useAgency();
  const stages = agency.data?.pipelineStages ?? [];
  const selected = value ?? [];
  const data = stageOptions(stages, selected);
  return (
    <MultiSelect
      label={label}
      description={description}
      withAsterisk={required}
      error={error}
      disabled={disabled}
      data={data}
      value={selected}
      placeholder={selected.length === 0 ? 'Any stage' : undefined}
      searchable
      clearable
      onChange={(next) =>
        onChange(
          next.length > 0 ? data.map((option) => option.value).filter((stage) => next.includes(stage)) : undefined,
        )
      }
    />
  );
}
