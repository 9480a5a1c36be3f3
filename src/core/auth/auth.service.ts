import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock/clock';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { ErrorCode } from '../http/error-codes';
import { ProblemException } from '../http/problem';
import type { Actor } from './actor';
import type { TokenPairDto } from './dto/auth.dto';
import { Account } from './entities/account.entity';
import { LoginAttempt, type LoginResult } from './entities/login-attempt.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { RoleAssignment } from './entities/role-assignment.entity';
import { LoginThrottleService } from './login-throttle.service';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';
import { auditInSchool } from '../request-context/call-context';
import { hashToken, newOpaqueToken } from './refresh-tokens';
import { TokenService } from './token.service';

/** How stale "last seen" may get before a session refresh writes it again. */
const SEEN_RESOLUTION_MS = 15 * 60 * 1000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const invalidCredentials = () =>
  new ProblemException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.invalidCredentials,
    'Invalid credentials',
    'The login or password is wrong, or the account cannot sign in.',
  );

const invalidRefreshToken = () =>
  new ProblemException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.refreshTokenInvalid,
    'Invalid refresh token',
    'The refresh token is unknown, expired or revoked: log in again.',
  );

export const tooManyAttempts = (wait: number) =>
  new ProblemException(
    HttpStatus.TOO_MANY_REQUESTS,
    ErrorCode.tooManyLoginAttempts,
    'Too many login attempts',
    `Too many failed attempts for this login: try again in ${wait} s.`,
    { retryAfter: wait },
  );

export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** Login, token refresh with rotation, logout. */
@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async login(rawLogin: string, password: string, client: ClientInfo): Promise<TokenPairDto> {
    const login = normalizeLogin(rawLogin);
    const account = await this.em.findOne(Account, { login }, { populate: ['passwordHash'] });
    const wait = await this.throttle.begin(login);
    if (wait > 0) {
      await this.recordAttempt(login, account?.id ?? null, 'throttled', client);
      throw tooManyAttempts(wait);
    }
    try {
      const result = await this.check(account, password);
      await this.recordAttempt(login, account?.id ?? null, result, client);
      if (result !== 'success' || !account) {
        await this.throttle.recordFailure(login);
        throw invalidCredentials();
      }
      await this.throttle.reset(login);
      // Bookkeeping, not a change anyone made: kept out of the audit trail (login_attempts has it).
      const now = this.clock.now();
      await this.em.nativeUpdate(
        Account,
        { id: account.id },
        { lastLoginAt: now, lastSeenAt: now },
      );
      return await this.issueTokens(account.id, randomUUID());
    } finally {
      await this.throttle.release(login);
    }
  }

  private async check(account: Account | null, password: string): Promise<LoginResult> {
    if (!account) return verifyAgainstDecoy(password).then(() => 'unknown_login');
    if (!account.passwordHash) return verifyAgainstDecoy(password).then(() => 'not_activated');
    if (!(await verifyPassword(account.passwordHash, password))) return 'wrong_password';
    if (account.status !== 'active') return 'disabled';
    return 'success';
  }

  /**
   * Exchanges a refresh token for a new pair. A token is good once: presenting it again
   * means it was stolen (or the client is broken), so its whole family is revoked.
   */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const stored = await this.em.findOne(RefreshToken, { tokenHash: hashToken(refreshToken) });
    if (!stored || stored.revokedAt || stored.expiresAt <= this.clock.now())
      throw invalidRefreshToken();
    const rotated = await this.em.nativeUpdate(
      RefreshToken,
      { id: stored.id, rotatedAt: null, revokedAt: null },
      { rotatedAt: this.clock.now() },
    );
    if (rotated === 0) {
      await this.revokeFamily(stored.familyId);
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.refreshTokenReused,
        'Refresh token reused',
        'This refresh token was already used. All sessions of this login were ended: log in again.',
      );
    }
    const account = await this.em.findOneOrFail(Account, stored.account.id);
    if (account.status !== 'active') {
      await this.revokeFamily(stored.familyId);
      throw invalidRefreshToken();
    }
    await this.markSeen(account.id);
    const pair = await this.issueTokens(account.id, stored.familyId);
    // A concurrent reuse may have revoked the family between our rotation and our insert.
    if (
      await this.em.count(RefreshToken, { familyId: stored.familyId, revokedAt: { $ne: null } })
    ) {
      await this.revokeFamily(stored.familyId);
      throw invalidRefreshToken();
    }
    return pair;
  }

  /**
   * A refreshed session is a user still there (P8's "last seen"). Written at most every
   * `SEEN_RESOLUTION_MS` per account, so an app refreshing often costs no write each time.
   */
  private async markSeen(accountId: string): Promise<void> {
    const now = this.clock.now();
    const stale = new Date(now.getTime() - SEEN_RESOLUTION_MS);
    await this.em.nativeUpdate(
      Account,
      { id: accountId, $or: [{ lastSeenAt: null }, { lastSeenAt: { $lt: stale } }] },
      { lastSeenAt: now },
    );
  }

  /** Ends the session the refresh token belongs to. Answers the same for unknown tokens. */
  async logout(refreshToken: string): Promise<void> {
    const stored = await this.em.findOne(RefreshToken, { tokenHash: hashToken(refreshToken) });
    if (stored) await this.revokeFamily(stored.familyId);
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.em.nativeUpdate(
      RefreshToken,
      { familyId, revokedAt: null },
      { revokedAt: this.clock.now() },
    );
  }

  /**
   * Sets a new password (and saves any other pending change of the account), files the change
   * under the account's school, and ends every session: other devices must log in again.
   */
  async setPassword(account: Account, password: string): Promise<void> {
    account.passwordHash = await hashPassword(password);
    account.passwordChangedAt = this.clock.now();
    const assignment = await this.em.findOne(
      RoleAssignment,
      { account },
      { orderBy: { id: 'asc' } },
    );
    auditInSchool(assignment?.schoolId);
    await this.em.flush();
    await this.revokeAllSessions(account.id);
  }

  /** Ends every session of an account (password change, disabling). */
  async revokeAllSessions(accountId: string): Promise<void> {
    await this.em.nativeUpdate(
      RefreshToken,
      { account: accountId, revokedAt: null },
      { revokedAt: this.clock.now() },
    );
  }

  async actorOf(accountId: string): Promise<Actor> {
    const account = await this.em.findOneOrFail(Account, accountId);
    const assignments = await this.em.find(
      RoleAssignment,
      { account: accountId },
      { orderBy: { id: 'asc' } },
    );
    return {
      accountId,
      isPlatformOperator: account.isPlatformOperator,
      grants: assignments.map((a) => ({
        role: a.role,
        schoolId: a.schoolId,
        regionId: a.regionId,
      })),
    };
  }

  private async issueTokens(accountId: string, familyId: string): Promise<TokenPairDto> {
    const actor = await this.actorOf(accountId);
    const refreshToken = newOpaqueToken();
    const expiresAt = new Date(
      this.clock.now().getTime() + this.config.refreshTokenTtlDays * 24 * 60 * 60 * 1000,
    );
    this.em.create(RefreshToken, {
      familyId,
      account: accountId,
      tokenHash: hashToken(refreshToken),
      expiresAt,
    });
    await this.em.flush();
    return {
      accessToken: this.tokens.signAccessToken(actor),
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTokenTtlSeconds,
      refreshToken,
      refreshTokenExpiresAt: expiresAt.toISOString(),
    };
  }

  private async recordAttempt(
    login: string,
    accountId: string | null,
    result: LoginResult,
    client: ClientInfo,
  ): Promise<void> {
    this.em.create(LoginAttempt, {
      login: login.slice(0, 64),
      accountId,
      result,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
    });
    await this.em.flush();
  }
}
