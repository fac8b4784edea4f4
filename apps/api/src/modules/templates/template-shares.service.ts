import { Injectable, NotImplementedException } from '@nestjs/common';
import type { Principal } from '../../common/principal';
import type { TemplateShareCodeDto } from './dto/template-share-code.dto';
import type { TemplateDto } from './dto/template.dto';

@Injectable()
export class TemplateSharesService {
  async share(_principal: Principal, _id: string, _expiresInDays?: number): Promise<TemplateShareCodeDto> {
    throw new NotImplementedException();
  }
  async revoke(_principal: Principal, _id: string): Promise<void> {
    throw new NotImplementedException();
  }
  async importShared(_principal: Principal, _shareCode: string): Promise<TemplateDto> {
    throw new NotImplementedException();
  }
}
