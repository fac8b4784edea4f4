import { Injectable, NotImplementedException } from '@nestjs/common';
import type { Principal } from '../../common/principal';
import type { WorkflowDetailDto } from '../workflows/workflow.dto';
import type { ImportWorkflowDto } from './dto/import-workflow.dto';
import type { PortableWorkflowDocumentDto } from './dto/portable-workflow-document.dto';

@Injectable()
export class PortableWorkflowsService {
  async exportDocument(_principal: Principal, _id: string): Promise<PortableWorkflowDocumentDto> {
    throw new NotImplementedException();
  }
  async importDocument(_principal: Principal, _body: ImportWorkflowDto): Promise<WorkflowDetailDto> {
    throw new NotImplementedException();
  }
}
