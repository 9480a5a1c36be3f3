import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomInt } from 'node:crypto';
import { Clock } from '../clock/clock';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { ErrorCode } from '../http/error-codes';
import { ProblemException } from '../http/problem';
import { normalizeLogin, AuthService } from './auth.service';
import { Account } from './entities/account.entity';
import { ActivationCode } from './entities/activation-code.entity';
import { LoginThrottleService } from './login-throttle.service';
import { callContext } from '../request-context/call-context';

/** No 0/O, 1/I: codes are read off paper slips. 32 symbols × 12 = 60 bits. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

function newCode(): string {
  const symbols = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((start) => symbols.slice(start, start + 4).join('')).join('-');
}

function hashCode(code: string): string {
  const normalized = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHash('sha256').update(normalized).digest('hex');
}

export interface IssuedCode {
  code: string;
  expiresAt: Date;
}

const invalidCode = () =>
  new ProblemException(
    HttpStatus.BAD_REQUEST,
    ErrorCode.activationCodeInvalid,
    'Invalid activation code',
    'The login or code is wrong, or the code was used, replaced or has expired.',
  );

/**
 * One-time activation codes: how an account holder sets (or resets) a password without the
 * school ever knowing it. Issuing a code voids the previous one.
 */
@Injectable()
export class ActivationCodesService {
  constructor(
    private readonly em: EntityManager,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async issue(account: Account, issuedBy: string | null): Promise<IssuedCode> {
    const now = this.clock.now();
    const previous = await this.em.find(ActivationCode, { account, usedAt: null, voidedAt: null });
    for (const earlier of previous) earlier.voidedAt = now;
    const code = newCode();
    const expiresAt = new Date(now.getTime() + this.config.activationCodeTtlHours * 60 * 60 * 1000);
    this.em.create(ActivationCode, { account, codeHash: hashCode(code), expiresAt, issuedBy });
    await this.em.flush();
    return { code, expiresAt };
  }

  /** Sets the password with a code. Failures count towards the same backoff as logins. */
  async redeem(rawLogin: string, code: string, password: string): Promise<void> {
    const login = normalizeLogin(rawLogin);
    if ((await this.throttle.begin(login)) > 0) throw invalidCode();
    try {
      const account = await this.em.findOne(Account, { login });
      if (!account || account.status === 'disabled' || !(await this.use(account, code))) {
        await this.throttle.recordFailure(login);
        throw invalidCode();
      }
      // The holder acts on their own account: file the change under them and their school.
      const context = callContext.current();
      if (context) context.actor = { accountId: account.id, isPlatformOperator: false, grants: [] };
      account.status = 'active';
      await this.auth.setPassword(account, password);
      await this.throttle.reset(login);
    } finally {
      await this.throttle.release(login);
    }
  }

  /** Marks a matching live code used; false when there is none (or a parallel call won). */
  private async use(account: Account, code: string): Promise<boolean> {
    const now = this.clock.now();
    const used = await this.em.nativeUpdate(
      ActivationCode,
      {
        account,
        codeHash: hashCode(code),
        usedAt: null,
        voidedAt: null,
        expiresAt: { $gt: now },
      },
      { usedAt: now },
    );
    return used > 0;
  }
}
