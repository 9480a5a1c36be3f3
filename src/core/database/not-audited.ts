const NOT_AUDITED = Symbol('notAudited');

/**
 * Marks an entity whose changes are not written to `audit_events`: records that are
 * themselves logs (login attempts, the audit trail) or short-lived secrets (tokens).
 */
export function NotAudited(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(NOT_AUDITED, true, target);
  };
}

export function isAudited(entityClass: object): boolean {
  return !Reflect.getMetadata(NOT_AUDITED, entityClass);
}
