import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  registerDecorator,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import {
  ACTION_TYPES,
  CLIENT_HEALTH,
  ClientHealth,
  EVENT_TYPES,
  EventType,
  METRIC_NAME_PATTERN,
  TRIGGER_TYPES,
} from '@automations/domain';
import { IsNotFuture, IsOptionalNonNullable } from '../../common/validation.decorators';
import { EventDataProperty } from '../events/dto/event-data.property';
import { EventData } from '../events/dto/event-data.registry';
import { CreateClientDto } from '../clients/dto/create-client.dto';
import { NON_BLANK_REGEX } from '../events/event-types';
import { WarningDto } from '../workflows/workflow.dto';
import { WORKFLOW_DEFINITION_SCHEMA_NAME } from '../workflows/workflow-definition.openapi';

const METRIC_NAME_REGEX = new RegExp(METRIC_NAME_PATTERN);
const MAX_SAMPLE_METRICS = 100;

/** `{ "<metric name>": <finite number>, ... }`, at most MAX_SAMPLE_METRICS entries. */
function IsMetricMap(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isMetricMap',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate(value: unknown) {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length <= MAX_SAMPLE_METRICS &&
            entries.every(
              ([name, metric]) => METRIC_NAME_REGEX.test(name) && typeof metric === 'number' && Number.isFinite(metric),
            )
          );
        },
        defaultMessage() {
          return `must map up to ${MAX_SAMPLE_METRICS} metric names (a lowercase letter, then lowercase letters, digits or underscores) to finite numbers`;
        },
      },
    });
}

export class SampleAssigneeDto {
  @ApiProperty({ example: 'Mia Manager', maxLength: 200 })
  @IsString()
  @Matches(NON_BLANK_REGEX, { message: 'must not be blank' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'mia@agency.test', format: 'email' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email: string;
}

/** A client that exists only for this preview: named and staged like a created client (same rules). */
export class SampleClientDto extends PickType(CreateClientDto, ['name', 'stage'] as const) {
  @ApiProperty({ enum: CLIENT_HEALTH, example: 'red' })
  @IsIn(CLIENT_HEALTH)
  health: ClientHealth;

  @ApiPropertyOptional({
    type: SampleAssigneeDto,
    description: '`{{client.assignee.name}}`, `{{client.assignee.email}}`, `client_assignee` tasks',
  })
  @IsOptionalNonNullable()
  @IsObject()
  @ValidateNested()
  @Type(() => SampleAssigneeDto)
  assignee?: SampleAssigneeDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { roas: 1.6, cpl: 42 },
    description: 'Latest value per metric (`{{metrics.<name>}}`, `metrics.*` conditions, kpi_threshold state form)',
  })
  @IsOptionalNonNullable()
  @IsMetricMap()
  metrics?: Record<string, number>;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-02-20T16:00:00.000Z',
    description: 'For the inactivity trigger (default: now); not in the future',
  })
  @IsOptionalNonNullable()
  @IsISO8601({ strict: true })
  @IsNotFuture()
  lastActivityAt?: string;
}

/** The event the preview pretends arrived for the client (nothing is stored or dispatched). */
export class PreviewEventDto {
  @ApiProperty({ enum: EVENT_TYPES, example: 'client.stage_changed' })
  @IsIn(EVENT_TYPES)
  type: EventType;

  @EventDataProperty({
    description:
      'Shape depends on `type`, as for `POST /events`; unknown fields are rejected. The client is previewed as the engine would see it once the event is stored: ' +
      '`kpi.updated` becomes the latest metric and gets `previousValue` (the client’s latest value before it); `client.stage_changed` finds the client in `toStage` ' +
      '(`fromStage` defaults to its current stage); activity events move `lastActivityAt`.',
    example: { fromStage: 'lead', toStage: 'onboarding' },
  })
  data: EventData;
}

/** Body of `POST /workflows/{id}/test`: exactly one of `clientId` and `client`. */
export class PreviewWorkflowDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10',
    description: 'A client of your agency (read, never changed). Exactly one of `clientId` and `client`.',
  })
  @IsOptionalNonNullable()
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({
    type: SampleClientDto,
    description: 'An inline sample client. Exactly one of `clientId` and `client`.',
  })
  @IsOptionalNonNullable()
  @IsObject()
  @ValidateNested()
  @Type(() => SampleClientDto)
  client?: SampleClientDto;

  @ApiPropertyOptional({
    type: PreviewEventDto,
    description:
      'The event to evaluate the triggers on; without it the triggers’ state forms are checked (or, for a scheduled workflow, its next tick)',
  })
  @IsOptionalNonNullable()
  @IsObject()
  @ValidateNested()
  @Type(() => PreviewEventDto)
  event?: PreviewEventDto;

  @ApiPropertyOptional({
    example: false,
    default: false,
    description:
      'Draft `draft_communication` steps with the agency’s AI provider (one model call per draft; still no writes). By default drafts come from the deterministic template drafter and nothing leaves the server.',
  })
  @IsOptionalNonNullable()
  @IsBoolean()
  useAi?: boolean;
}

/** Body of `POST /workflows/test`: an unsaved definition, then the same fields as `POST /workflows/{id}/test`. */
export class PreviewDefinitionDto extends PreviewWorkflowDto {
  @ApiProperty({
    allOf: [{ $ref: `#/components/schemas/${WORKFLOW_DEFINITION_SCHEMA_NAME}` }],
    description: 'A workflow definition (PRODUCT.md §2), validated as on save; errors are reported under `definition.`',
  })
  @IsObject()
  definition: Record<string, unknown>;
}

export class PreviewWorkflowRefDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null for an unsaved definition' }) id:
    string | null;
  @ApiProperty({ example: 'Onboarding kickoff' }) name: string;
  @ApiProperty({ type: Number, nullable: true, example: 3, description: 'null for an unsaved definition' }) version:
    number | null;
}

export class PreviewClientRefDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null for a sample client' }) id:
    string | null;
  @ApiProperty({ example: 'Acme Outdoor' }) name: string;
  @ApiProperty({ example: 'onboarding', description: 'As the run would see it (after the event, e.g. a stage change)' })
  stage: string;
  @ApiProperty({ enum: CLIENT_HEALTH, example: 'red' }) health: string;
  @ApiProperty({ example: false }) sample: boolean;
}

export class TriggerPartnerDto {
  @ApiProperty({ enum: TRIGGER_TYPES, example: 'kpi_threshold' }) type: string;
  @ApiProperty({ example: false }) holds: boolean;
  @ApiPropertyOptional({ example: 'partner kpi_threshold: roas is 2.4, not below 2' }) reason?: string;
}

export class TriggerPreviewDto {
  @ApiProperty({ example: false, description: 'Whether a run would start for this client (and event)' }) fired: boolean;
  @ApiProperty({
    enum: ['event', 'state', 'schedule'],
    example: 'event',
    description:
      '`event`: the event form of the trigger on `event`, and its AND partner’s state form; `state`: no event, the triggers’ state forms; `schedule`: a scheduled workflow’s next tick (client filter and partner)',
  })
  basis: 'event' | 'state' | 'schedule';
  @ApiPropertyOptional({ enum: TRIGGER_TYPES, example: 'stage_change' }) triggerType?: string;
  @ApiPropertyOptional({
    example: 'partner kpi_threshold: roas is 2.4, not below 2',
    description: 'Why it does not fire',
  })
  reason?: string;
  @ApiPropertyOptional({ type: TriggerPartnerDto }) partner?: TriggerPartnerDto;
}

export class DraftPreviewDto {
  @ApiProperty({
    example:
      'Hi Acme Outdoor,\n\nI hope you are doing well!\n\nWelcome Acme Outdoor and propose a kickoff call\n\nCheers,\nMia Manager\nBright Agency',
  })
  content: string;
  @ApiProperty({ enum: ['template', 'openai'], example: 'template' }) generator: 'template' | 'openai';
  @ApiPropertyOptional({ example: 'gpt-4o-mini' }) model?: string;
}

export class StepPreviewDto {
  @ApiProperty({ example: 'task' }) stepId: string;
  @ApiProperty({ enum: [...ACTION_TYPES, 'branch'], example: 'create_task' }) type: string;
  @ApiProperty({ example: 'steps[0]', description: 'Where the step sits in the definition' }) path: string;
  @ApiProperty({
    enum: ['execute', 'wait', 'await_approval', 'skipped', 'branch'],
    example: 'execute',
    description:
      '`wait`: delayed by `waitMinutes` (then awaits approval when `awaitsApproval`, then executes); `await_approval`: waits for an admin (the preview continues as if approved); `skipped`: its condition is false; `branch`: a branch decision',
  })
  outcome: 'execute' | 'wait' | 'await_approval' | 'skipped' | 'branch';
  @ApiPropertyOptional({ example: 60 }) waitMinutes?: number;
  @ApiPropertyOptional({
    example: false,
    description: 'Action steps that are not skipped: whether an admin must approve it first',
  })
  awaitsApproval?: boolean;
  @ApiPropertyOptional({ enum: ['then', 'else'], example: 'else' }) branch?: 'then' | 'else';
  @ApiPropertyOptional({
    example: 'client.health equals "red": no (is "green")',
    description: 'Why a branch went its way, or why a step is skipped',
  })
  reason?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { title: 'Kickoff call with Acme Outdoor', priority: 'high', dueInDays: 2 },
    description:
      'The config the action would get: templates rendered from the client snapshot, escaped for their destination (Slack `& < >`, HTML email, header CR/LF)',
  })
  renderedConfig?: Record<string, unknown>;
  @ApiProperty({ example: 'Create a high-priority task “Kickoff call with Acme Outdoor” due in 2 days' })
  wouldDo: string;
  @ApiPropertyOptional({ type: DraftPreviewDto }) draftPreview?: DraftPreviewDto;
}

export class WorkflowPreviewDto {
  @ApiProperty({ type: PreviewWorkflowRefDto }) workflow: PreviewWorkflowRefDto;
  @ApiProperty({ type: PreviewClientRefDto }) client: PreviewClientRefDto;
  @ApiProperty({ type: TriggerPreviewDto }) trigger: TriggerPreviewDto;
  @ApiProperty({
    type: [StepPreviewDto],
    description: 'Steps in the order a run would reach them (the branch not taken is left out)',
  })
  steps: StepPreviewDto[];
  @ApiProperty({
    type: [WarningDto],
    example: [
      {
        code: 'trigger_not_fired',
        message:
          'The workflow would not start (client moved to "active", not "onboarding"); the steps show what a run would do if it did',
      },
    ],
  })
  warnings: WarningDto[];
}
