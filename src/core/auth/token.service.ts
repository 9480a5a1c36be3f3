import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { Clock } from '../clock/clock';
import type { Actor, Grant } from './actor';
import { ROLES, type Role } from './roles';

/** The only algorithm accepted: a token signed otherwise (or `none`) is refused. */
const ALGORITHM = 'HS256';

type CompactGrant = [role: Role, schoolId: string | null, regionId: string];

/** At most this many verified tokens are remembered per process (the oldest go first). */
const REMEMBERED_TOKENS = 10_000;

interface Verified {
  actor: Actor;
  /** Seconds since the epoch: valid from (a token's `nbf`) … until (its `exp`, or `iat` + TTL). */
  from: number;
  until: number;
}

interface AccessClaims {
  op?: true;
  grants: CompactGrant[];
}

/**
 * Short-lived access tokens carry the actor's grants, so authorising a request needs no
 * database round trip. Role changes take effect at the next refresh.
 */
@Injectable()
export class TokenService {
  /** Made once: given the secret as a string, `jwt.verify` would build a key per request. */
  private readonly verifyKey: KeyObject;
  /**
   * Tokens already verified, with the span they are valid in: a client sends the same token
   * with every request for its lifetime, and its signature and claims cannot change.
   */
  private readonly verified = new Map<string, Verified>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.verifyKey = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  get accessTokenTtlSeconds(): number {
    return this.config.jwt.accessTokenTtlSeconds;
  }

  /** Seconds since the epoch on the application clock: issuing and verifying share it. */
  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  signAccessToken(actor: Actor): string {
    const claims: AccessClaims & { iat: number } = {
      // jsonwebtoken counts `exp` from a given `iat` instead of reading the wall clock.
      iat: this.nowSeconds(),
      grants: actor.grants.map((g) => [g.role, g.schoolId, g.regionId]),
      ...(actor.isPlatformOperator ? { op: true as const } : {}),
    };
    return jwt.sign(claims, this.config.jwt.secret, {
      algorithm: ALGORITHM,
      expiresIn: this.config.jwt.accessTokenTtlSeconds,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      subject: actor.accountId,
      jwtid: randomUUID(),
    });
  }

  /**
   * The actor of a valid token, or undefined for anything else (expired, forged, malformed).
   * A token verified before is only checked against the clock again (the same checks
   * `jwt.verify` makes of its times); the actor it answers is the same frozen object.
   */
  verifyAccessToken(token: string): Actor | undefined {
    const now = this.nowSeconds();
    const known = this.verified.get(token);
    if (known) return now >= known.from && now < known.until ? known.actor : undefined;
    try {
      const payload = jwt.verify(token, this.verifyKey, {
        algorithms: [ALGORITHM],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
        clockTimestamp: now,
        // Also refuses a token without `iat`, or issued longer ago than we ever issue for.
        maxAge: this.config.jwt.accessTokenTtlSeconds,
      });
      // jsonwebtoken accepts a token without `exp` as valid forever: ours always carry one.
      if (typeof payload === 'string' || typeof payload.sub !== 'string') return undefined;
      if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') return undefined;
      const grants = parseGrants(payload.grants);
      const actor: Actor = Object.freeze({
        accountId: payload.sub,
        isPlatformOperator: payload.op === true,
        grants: Object.freeze(grants.map((grant) => Object.freeze(grant))) as Grant[],
      });
      this.remember(token, {
        actor,
        from: typeof payload.nbf === 'number' ? payload.nbf : -Infinity,
        until: Math.min(payload.exp, payload.iat + this.config.jwt.accessTokenTtlSeconds),
      });
      return actor;
    } catch {
      return undefined;
    }
  }

  private remember(token: string, verified: Verified): void {
    if (this.verified.size >= REMEMBERED_TOKENS) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, verified);
  }
}

function parseGrants(raw: unknown): Grant[] {
  if (!Array.isArray(raw)) throw new Error('grants missing');
  return raw.map((entry: unknown) => {
    if (!Array.isArray(entry) || !(ROLES as readonly unknown[]).includes(entry[0])) {
      throw new Error('malformed grant');
    }
    const [role, schoolId, regionId] = entry as CompactGrant;
    return { role, schoolId, regionId };
  });
}
