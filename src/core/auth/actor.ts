import type { Role } from './roles';

/** A role held in a school (`schoolId` set) or across a region (`schoolId` null). */
export interface Grant {
  role: Role;
  schoolId: string | null;
  regionId: string;
}

/** Who is calling: decoded from the access token, no database round trip needed. */
export interface Actor {
  accountId: string;
  isPlatformOperator: boolean;
  grants: Grant[];
}
