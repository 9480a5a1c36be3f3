import type { ForcedSubject, MongoAbility } from '@casl/ability';

export const ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Everything a rule can be about. A module adds its subjects here; conditions on a subject
 * are written in the MikroORM query language of its entity (Mongo-like, so CASL reads
 * them too), which lets the same rule check one object and filter a list in SQL.
 */
export const SUBJECTS = [
  'Region',
  'School',
  'Account',
  'RoleAssignment',
  'OwnAccount',
  'AuditEvent',
  'Backup',
] as const;
export type Subject = (typeof SUBJECTS)[number];

export type AppAbility = MongoAbility<[Action, Subject | (ForcedSubject<Subject> & object)]>;
