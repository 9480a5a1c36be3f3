/**
 * Roles a school grants (DOMAIN.md). `class_teacher` is not among them: a class teacher is
 * a teacher assigned to a class, and that assignment belongs to the classes module.
 */
export const SCHOOL_ROLES = [
  'admin',
  'director',
  'deputy',
  'teacher',
  'student',
  'parent',
  'secretary',
  'medical',
  'psychologist',
  'technical',
  'integration',
] as const;
export type SchoolRole = (typeof SCHOOL_ROLES)[number];

/** Roles granted for a whole region rather than a school. */
export const REGION_ROLES = ['authority'] as const;
export type RegionRole = (typeof REGION_ROLES)[number];

export const ROLES = [...SCHOOL_ROLES, ...REGION_ROLES] as const;
export type Role = SchoolRole | RegionRole;

/** Staff roles a school admin may grant; students and parents get accounts through credentials. */
export const STAFF_ROLES: readonly SchoolRole[] = [
  'admin',
  'director',
  'deputy',
  'teacher',
  'secretary',
  'medical',
  'psychologist',
  'technical',
];

export function isRegionRole(role: Role): role is RegionRole {
  return (REGION_ROLES as readonly string[]).includes(role);
}

export function isStaffRole(role: Role): boolean {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** Staff who plan with or around the curriculum and timetable: every staff role reads them. */
export const TIMETABLE_READERS: readonly Role[] = STAFF_ROLES;
/** Who edits the curriculum and the timetable (seed: the deputy, and the admin). */
export const TIMETABLE_EDITORS: readonly Role[] = ['admin', 'deputy'];
