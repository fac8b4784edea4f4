import { Injectable, NotImplementedException } from '@nestjs/common';
import type { Principal } from '../../common/principal';
import type { WorkflowDetailDto } from '../workflows/workflow.dto';
import type { CreateTemplateFromWorkflowDto } from './dto/create-template-from-workflow.dto';
import type { InstantiateTemplateDto } from './dto/instantiate-template.dto';
import type { TemplateDto, TemplatePageDto } from './dto/template.dto';
import type { ListTemplatesQuery } from './dto/templates.query';

@Injectable()
export class TemplatesService {
  async list(_principal: Principal, _query: ListTemplatesQuery): Promise<TemplatePageDto> {
    throw new NotImplementedException();
  }
  async get(_principal: Principal, _id: string): Promise<TemplateDto> {
    throw new NotImplementedException();
  }
  async create(_principal: Principal, _body: Record<string, unknown>): Promise<TemplateDto> {
    throw new NotImplementedException();
  }
  async createFromWorkflow(_principal: Principal, _body: CreateTemplateFromWorkflowDto): Promise<TemplateDto> {
    throw new NotImplementedException();
  }
  async update(_principal: Principal, _id: string, _body: Record<string, unknown>): Promise<TemplateDto> {
    throw new NotImplementedException();
  }
  async remove(_principal: Principal, _id: string): Promise<void> {
    throw new NotImplementedException();
  }
  async instantiate(_principal: Principal, _id: string, _body: InstantiateTemplateDto): Promise<WorkflowDetailDto> {
    throw new NotImplementedException();
  }
}
