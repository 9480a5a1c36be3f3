import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../core/auth/entities/account.entity';
import { RoleAssignment } from '../core/auth/entities/role-assignment.entity';
import { hashPassword } from '../core/auth/passwords';
import type { Clock } from '../core/clock/clock';
import { Region } from '../core/tenancy/entities/region.entity';
import { School } from '../core/tenancy/entities/school.entity';
import { createDefaultReferenceData } from '../modules/reference-data/reference-defaults';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_REGION, DEMO_SCHOOLS } from '../local/demo-accounts';

const DISPLAY_NAMES: Record<string, string> = {
  admin: 'Администратор',
  director: 'Директор',
  deputy: 'Заместитель директора',
  teacher: 'Учитель',
  student: 'Ученик',
  parent: 'Родитель',
  secretary: 'Секретарь',
  medical: 'Медсестра',
  psychologist: 'Педагог-психолог',
  technical: 'Завхоз',
  authority: 'Управление образования',
  'platform operator': 'Оператор платформы',
};

/**
 * Seeds the demo region once: two schools with their default reference data and one active
 * account per role in each.
 * Returns false (and changes nothing) when the demo region already exists.
 */
export async function seedDemo(em: EntityManager, clock: Clock): Promise<boolean> {
  if (await em.count(Region, { code: DEMO_REGION.code })) return false;
  const region = em.create(Region, DEMO_REGION);
  const schools = new Map(
    DEMO_SCHOOLS.map((s) => [
      s.key,
      em.create(School, { regionId: region.id, name: s.name, shortName: s.shortName }),
    ]),
  );
  // Created directly, not through the API, so the defaults a new school gets are added here.
  for (const school of schools.values()) createDefaultReferenceData(em, school.id);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demo of DEMO_ACCOUNTS) {
    const school = schools.get(demo.school as (typeof DEMO_SCHOOLS)[number]['key']);
    const account = em.create(Account, {
      login: demo.login,
      displayName: `${DISPLAY_NAMES[demo.role]}${school ? ` (${school.shortName})` : ''}`,
      passwordHash,
      passwordChangedAt: clock.now(),
      status: 'active',
      isPlatformOperator: demo.role === 'platform operator',
    });
    if (demo.role === 'platform operator') continue;
    em.create(RoleAssignment, {
      account,
      role: demo.role,
      schoolId: school?.id ?? null,
      regionId: region.id,
    });
  }
  await em.flush();
  return true;
}
