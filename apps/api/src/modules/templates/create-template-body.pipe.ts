import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { createFieldValidationPipe } from '../../common/field-validation.pipe';
import { CreateTemplateFromWorkflowDto } from './dto/create-template-from-workflow.dto';

export type CreateTemplateBody =
  { kind: 'fromWorkflow'; body: CreateTemplateFromWorkflowDto } | { kind: 'content'; body: Record<string, unknown> };

/**
 * `POST /templates` takes a template's content or `{fromWorkflowId, ...}`: the second is checked with the global
 * rules (unknown fields rejected), the first by the domain's template validation in the service.
 */
@Injectable()
export class CreateTemplateBodyPipe implements PipeTransform<unknown, Promise<CreateTemplateBody>> {
  private readonly validation = createFieldValidationPipe();

  async transform(body: unknown): Promise<CreateTemplateBody> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw ApiError.validation([
        {
          path: '',
          message: 'body must be a template ({name, category, definition, ...}) or {fromWorkflowId, category, ...}',
        },
      ]);
    }
    if ('fromWorkflowId' in body)
      return {
        kind: 'fromWorkflow',
        body: await this.validation.transform(body, { type: 'body', metatype: CreateTemplateFromWorkflowDto }),
      };
    return { kind: 'content', body: body as Record<string, unknown> };
  }
}
