import { MultiSelect } from '@mantine/core';
import { useAgency } from '../../../api/useAgency';
import { inputProps, type FieldProps } from '../fields/fieldProps';
import { SelectField } from '../fields/SelectField';

/** The agency's pipeline stages as options, plus values already stored that the pipeline no longer has. */
function stageOptions(stages: readonly string[], current: readonly string[]) {
  const extra = current.filter((value) => !stages.includes(value));
  return [
    ...stages.map((stage) => ({ value: stage, label: stage })),
    ...extra.map((value) => ({ value, label: value.includes('{{') ? value : `${value} (not a pipeline stage)` })),
  ];
}

/** One of the agency's pipeline stages (Settings → Agency); a native select, like the other closed lists. */
export function StagePicker(props: FieldProps<string>) {
  const agency = useAgency();
  const stages = agency.data?.pipelineStages ?? [];
  return (
    <SelectField
      {...props}
      options={stageOptions(stages, props.value ? [props.value] : [])}
      blankLabel={agency.isLoading ? 'Loading stages…' : props.required ? 'Choose a stage…' : '(any stage)'}
    />
  );
}

/** Several pipeline stages, in the pipeline's order. */
export function StageListPicker({ value, onChange, ...field }: FieldProps<string[]>) {
  const agency = useAgency();
  const stages = agency.data?.pipelineStages ?? [];
  const selected = value ?? [];
  const data = stageOptions(stages, selected);
  return (
    <MultiSelect
      {...inputProps(field)}
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
