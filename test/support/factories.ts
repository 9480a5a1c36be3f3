import { Account } from '../../src/core/auth/entities/account.entity';
import { RoleAssignment } from '../../src/core/auth/entities/role-assignment.entity';
import type { Grant } from '../../src/core/auth/actor';
import { hashPassword } from '../../src/core/auth/passwords';
import type { Role } from '../../src/core/auth/roles';
import { TokenService } from '../../src/core/auth/token.service';
import { Region } from '../../src/core/tenancy/entities/region.entity';
import { School } from '../../src/core/tenancy/entities/school.entity';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'test-password-123';
let passwordHash: Promise<string> | undefined;
let sequence = 0;
const unique = (prefix: string) =>
  `${prefix}${++sequence}${Math.random().toString(36).slice(2, 6)}`;

export interface TestUser {
  account: Account;
  login: string;
  grants: Grant[];
  /** A valid access token, signed like the API signs them. */
  token: string;
  auth: { Authorization: string };
}

export async function createRegion(t: TestApp, name = 'Тестовый регион'): Promise<Region> {
  const em = t.em();
  const region = em.create(Region, { name, code: unique('r') });
  await em.flush();
  return region;
}

export async function createSchool(
  t: TestApp,
  region?: Region,
  shortName = 'Школа',
): Promise<School> {
  const em = t.em();
  const regionId = (region ?? (await createRegion(t))).id;
  const school = em.create(School, { regionId, name: `${shortName} (полное имя)`, shortName });
  await em.flush();
  return school;
}

export interface UserSpec {
  roles?: { role: Role; school?: School; region?: Region }[];
  platformOperator?: boolean;
  login?: string;
  status?: Account['status'];
}

/** An account with a known password and roles, plus a token to call the API as it. */
export async function createUser(t: TestApp, spec: UserSpec = {}): Promise<TestUser> {
  const em = t.em();
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const login = spec.login ?? unique('user');
  const account = em.create(Account, {
    login,
    displayName: `Test ${login}`,
    passwordHash: await passwordHash,
    passwordChangedAt: t.clock.now(),
    status: spec.status ?? 'active',
    isPlatformOperator: spec.platformOperator ?? false,
  });
  const grants: Grant[] = (spec.roles ?? []).map(({ role, school, region }) => ({
    role,
    schoolId: school?.id ?? null,
    regionId: school?.regionId ?? region!.id,
  }));
  for (const grant of grants) em.create(RoleAssignment, { account, ...grant });
  await em.flush();
  const token = t.app.get(TokenService).signAccessToken({
    accountId: account.id,
    isPlatformOperator: account.isPlatformOperator,
    grants,
  });
  return { account, login, grants, token, auth: { Authorization: `Bearer ${token}` } };
}

export const asRole = (t: TestApp, role: Role, school: School) =>
  createUser(t, { roles: [{ role, school }] });
