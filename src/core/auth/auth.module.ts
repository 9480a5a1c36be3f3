import { Global, Module } from '@nestjs/common';
import { ActivationCodesService } from './activation-codes.service';
import { AuthController } from './auth.controller';
import { AuthJobs } from './auth.jobs';
import { AuthPolicy } from './auth.policy';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { TokenService } from './token.service';

@Global()
@Module({
  controllers: [AuthController, MeController],
  providers: [
    AuthJobs,
    AuthService,
    ActivationCodesService,
    LoginThrottleService,
    MeService,
    TokenService,
    AuthPolicy,
  ],
  exports: [AuthService, ActivationCodesService, MeService, TokenService],
})
export class AuthModule {}
