import type { EntityManager } from '@mikro-orm/postgresql';
import { byName } from '../person-name';
import { Guardianship } from '../entities/guardianship.entity';
import type { Person } from '../entities/person.entity';

export interface ClassFamilies {
  /** Students enrolled in the class today, in name order. */
  students: Person[];
  /** Their parents, each once, in name order, with their children in this class. */
  parents: { parent: Person; children: Person[] }[];
}

/** Students (a class's, in name order, from `RosterService`) and their parents. */
export async function familiesOf(em: EntityManager, students: Person[]): Promise<ClassFamilies> {
  const links = await em.find(
    Guardianship,
    { student: { $in: students.map((s) => s.id) } },
    { populate: ['parent', 'student'] },
  );
  const parents = new Map<string, { parent: Person; children: Person[] }>();
  for (const link of links) {
    const entry = parents.get(link.parent.id) ?? { parent: link.parent, children: [] };
    entry.children.push(link.student);
    parents.set(link.parent.id, entry);
  }
  for (const entry of parents.values()) entry.children.sort(byName);
  return {
    students,
    parents: [...parents.values()].sort((a, b) => byName(a.parent, b.parent)),
  };
}
