/**
 * Bindings: school id, twice. The last change of the school's data: its newest audit event
 * (every change made through the API but marks and attendance) and its newest journal change
 * (marks and attendance, written by trigger whatever path made them). A report built after
 * both is still true while neither moves.
 */
export const DATA_VERSION_SQL = `
  select coalesce((select a.id::text from audit_events a where a.school_id = ?
                    order by a.occurred_at desc, a.id desc limit 1), '-')
         || '/' ||
         coalesce((select max(j.id)::text from journal_changes j where j.school_id = ?), '-')
           as version`;
