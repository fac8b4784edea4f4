import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, MinRole } from '../../common/auth.decorators';
import { PaginationQuery } from '../../common/pagination.query';
import type { Principal } from '../../common/principal';
import { UuidParam } from '../../common/uuid-param.pipe';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Users of the agency' })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PaginationQuery): Promise<UserPageDto> {
    return this.users.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string): Promise<UserDto> {
    return this.users.get(principal, id);
  }

  @Post()
  @MinRole('admin')
  @ApiOperation({ summary: 'Invite a user with a role (admin)' })
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(principal, body);
  }

  @Patch(':id')
  @MinRole('admin')
  @ApiOperation({ summary: 'Change a user’s name, role, password or deactivate them (admin)' })
  @ApiOkResponse({ type: UserDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(principal, id, body);
  }
}
