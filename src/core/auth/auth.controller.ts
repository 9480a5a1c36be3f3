import { Body, Controller, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Endpoint } from '../http/endpoint.decorator';
import { ActivationCodesService } from './activation-codes.service';
import { AuthService, type ClientInfo } from './auth.service';
import { ActivateDto, LoginDto, RefreshDto, TokenPairDto } from './dto/auth.dto';

function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly activationCodes: ActivationCodesService,
  ) {}

  @Post('login')
  @Endpoint({
    summary: 'Log in with login and password',
    description:
      'Returns a short-lived access token and a single-use refresh token. Failed attempts for a login are slowed down exponentially; an unknown login, a wrong password and a disabled account get the same answer.',
    permission: 'public',
    response: TokenPairDto,
    errors: [HttpStatus.UNAUTHORIZED],
  })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<TokenPairDto> {
    return this.auth.login(body.login, body.password, clientOf(request));
  }

  @Post('refresh')
  @Endpoint({
    summary: 'Exchange a refresh token for a new token pair',
    description:
      'Rotation: the presented token is used up. Presenting a used token again revokes every token of that login session (`auth.refresh_token_reused`).',
    permission: 'public',
    response: TokenPairDto,
    errors: [HttpStatus.UNAUTHORIZED],
  })
  refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Endpoint({
    summary: 'End the session of a refresh token',
    description:
      'Revokes the refresh token and every token rotated from the same login. Answers 204 whether or not the token was known.',
    permission: 'public',
    status: HttpStatus.NO_CONTENT,
  })
  logout(@Body() body: RefreshDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Post('activate')
  @Endpoint({
    summary: 'Set a password with a one-time activation code',
    description:
      'The account holder chooses a password with the code their school issued; the code is then used up and the account becomes active.',
    permission: 'public',
    status: HttpStatus.NO_CONTENT,
  })
  activate(@Body() body: ActivateDto): Promise<void> {
    return this.activationCodes.redeem(body.login, body.code, body.password);
  }
}
