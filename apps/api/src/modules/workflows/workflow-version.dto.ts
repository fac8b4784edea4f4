import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

export class RestoreWorkflowVersionDto {
  @ApiPropertyOptional({
    example: 5,
    description: 'The version the caller is looking at; 409 when the workflow has moved on (as PATCH)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

const ANY = { description: 'Any JSON value; an absent value is null' } as const;

export class ValueChangeDto {
  @ApiProperty({ example: 'config.title', description: 'Path relative to the step or trigger' }) path: string;
  @ApiProperty(ANY) old: unknown;
  @ApiProperty(ANY) new: unknown;
}

export class SettingChangeDto {
  @ApiProperty({ example: 'name', description: 'A top-level field other than triggers and steps' }) field: string;
  @ApiProperty(ANY) old: unknown;
  @ApiProperty(ANY) new: unknown;
}

export class TriggerEntryDto {
  @ApiProperty({ example: 'stage_change' }) type: string;
  @ApiProperty({ example: 0, description: 'Position in the version it is found in' }) index: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) trigger: Record<string, unknown>;
}

export class TriggerChangeDto {
  @ApiProperty({ example: 'kpi_threshold' }) type: string;
  @ApiProperty({ example: 1 }) fromIndex: number;
  @ApiProperty({ example: 0 }) toIndex: number;
  @ApiProperty({ type: [ValueChangeDto] }) changes: ValueChangeDto[];
}

export class TriggerDiffDto {
  @ApiProperty({ type: [TriggerEntryDto] }) added: TriggerEntryDto[];
  @ApiProperty({ type: [TriggerEntryDto] }) removed: TriggerEntryDto[];
  @ApiProperty({ type: [TriggerChangeDto] }) changed: TriggerChangeDto[];
}

export class StepEntryDto {
  @ApiProperty({ example: 'alert' }) id: string;
  @ApiProperty({ example: 'steps[1].then[0]' }) path: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The step; a branch without its `then` / `else` (the steps inside are listed on their own)',
  })
  step: Record<string, unknown>;
}

export class StepChangeDto {
  @ApiProperty({ example: 'task' }) id: string;
  @ApiProperty({ example: 'create_task' }) type: string;
  @ApiProperty({ example: 'steps[0]', description: 'Where the step is in the `to` version' }) path: string;
  @ApiProperty({ type: [ValueChangeDto] }) changes: ValueChangeDto[];
}

export class StepMoveDto {
  @ApiProperty({ example: 'task' }) id: string;
  @ApiProperty({ example: 'steps[0]' }) from: string;
  @ApiProperty({ example: 'steps[1].then[0]' }) to: string;
}

export class StepDiffDto {
  @ApiProperty({ type: [StepEntryDto] }) added: StepEntryDto[];
  @ApiProperty({ type: [StepEntryDto] }) removed: StepEntryDto[];
  @ApiProperty({ type: [StepChangeDto] }) changed: StepChangeDto[];
  @ApiProperty({
    type: [StepMoveDto],
    description: 'Kept steps now in another list, or out of the common order of their list',
  })
  moved: StepMoveDto[];
}

export class SettingsDiffDto {
  @ApiProperty({ type: [SettingChangeDto] }) changed: SettingChangeDto[];
}

export class WorkflowVersionDiffDto {
  @ApiProperty({ example: 2 }) from: number;
  @ApiProperty({ example: 5 }) to: number;
  @ApiProperty({ type: TriggerDiffDto, description: 'Matched by type (the n-th of a type with the n-th)' })
  triggers: TriggerDiffDto;
  @ApiProperty({ type: StepDiffDto, description: 'Matched by id at any depth' }) steps: StepDiffDto;
  @ApiProperty({ type: SettingsDiffDto }) settings: SettingsDiffDto;
}
