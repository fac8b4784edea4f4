import { Body, Controller, Get, Patch } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, MinRole } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { AgencyService } from './agency.service';
import { AgencyDto } from './dto/agency.dto';
import { UpdateAgencyDto } from './dto/update-agency.dto';

@ApiTags('agency')
@ApiBearerAuth()
@Controller('agency')
export class AgencyController {
  constructor(private readonly agency: AgencyService) {}

  @Get()
  @ApiOperation({ summary: 'Your agency: name, time zone, quotas and pipeline stages' })
  @ApiOkResponse({ type: AgencyDto })
  get(@CurrentPrincipal() principal: Principal): Promise<AgencyDto> {
    return this.agency.get(principal);
  }

  @Patch()
  @MinRole('admin')
  @ApiOperation({ summary: 'Rename the agency, change its time zone, quotas or pipeline stages (admin)' })
  @ApiOkResponse({ type: AgencyDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'A removed pipeline stage is still used by clients or active automations (details.stagesInUse)',
  })
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateAgencyDto): Promise<AgencyDto> {
    return this.agency.update(principal, body);
  }
}
