import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly, SignedIn } from '../common/auth/access.decorators.js';
import { CurrentUser, type AuthUser } from '../common/auth/auth-user.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { mapPage } from '../common/pagination/cursor.js';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user-requests.dto.js';
import { CreatedUserDto, PasswordResetDto, UserDto, UserListDto, toCreatedUserDto, toUserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

const userIdParam = ApiParam({ name: 'userId', format: 'uuid', description: 'the user id' });
const notFound = ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such user (or, for a manager, not of their clinic)' });

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List users', description: 'Platform admins see every user; a clinic manager sees the users of their clinic.' })
  @ApiOkResponse({ type: UserListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid cursor or limit' })
  async list(@CurrentUser() actor: AuthUser, @Query() query: ListUsersQueryDto): Promise<UserListDto> {
    return mapPage(await this.users.list(actor, query.cursor, query.limit), toUserDto);
  }

  @Post()
  @AdminOnly()
  @ApiOperation({
    summary: 'Create a platform admin or a clinic manager',
    description: 'Without `password` one is generated and answered once as `initialPassword`; the user must then choose their own at the first sign-in (`mustChangePassword`).',
  })
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid fields, weak password, or no such clinic' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A user with this email already exists' })
  async create(@Body() dto: CreateUserDto): Promise<CreatedUserDto> {
    const { user, generatedPassword } = await this.users.create(dto);
    return toCreatedUserDto(user, generatedPassword);
  }

  @Get(':userId')
  @SignedIn()
  @userIdParam
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserDto })
  @notFound
  async get(@CurrentUser() actor: AuthUser, @Param('userId') userId: string): Promise<UserDto> {
    return toUserDto(await this.users.get(actor, userId));
  }

  @Patch(':userId')
  @AdminOnly()
  @userIdParam
  @ApiOperation({
    summary: 'Change a user: name, role, clinic, active',
    description: 'Deactivation ends all the user’s sessions at once. The last active platform admin cannot be deactivated or demoted.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Would deactivate yourself or remove the last active admin' })
  @notFound
  async update(@CurrentUser() actor: AuthUser, @Param('userId') userId: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return toUserDto(await this.users.update(actor, userId, dto));
  }

  @Post(':userId/reset-password')
  @AdminOnly()
  @HttpCode(HttpStatus.OK)
  @userIdParam
  @ApiOperation({
    summary: "Reset a user's password",
    description:
      'Answers a new generated password once (`initialPassword`; stored nowhere in clear), ends all the user’s sessions, and makes the user ' +
      'choose their own password at the next sign-in (`mustChangePassword`). Not for your own account: change your password instead.',
  })
  @ApiOkResponse({ type: PasswordResetDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Your own account' })
  @notFound
  async resetPassword(@CurrentUser() actor: AuthUser, @Param('userId') userId: string): Promise<PasswordResetDto> {
    const { user, password } = await this.users.resetPassword(actor, userId);
    return { ...toUserDto(user), initialPassword: password };
  }
}
