import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { applyValidationConstraints } from './openapi-constraints';
import { documentSharedAnswers } from './openapi-shared-answers';

const TAGS: [string, string][] = [
  ['auth', 'Login, token refresh, logout, account activation.'],
  ['me', 'The caller’s own account.'],
  ['regions', 'Regions: groups of schools under one education authority.'],
  ['schools', 'Schools: the tenants. Every school-owned record belongs to one.'],
  ['accounts', 'Staff accounts and their roles, managed by a school admin.'],
  ['audit', 'The append-only trail of changes.'],
  ['backups', 'Database backups on several media, verified and restorable.'],
  [
    'reference-data',
    'A school’s reference data: subjects, mark types, lesson types, absence reasons, rooms, bells.',
  ],
  [
    'academic-years',
    'Academic years, study periods (quarters, half-years) and holidays; closing a period.',
  ],
  [
    'classes',
    'Classes with their class teacher, teaching assignments and subgroups; the staff list.',
  ],
  [
    'people',
    'Students, parents and staff: cards, parents of a student, documents, health data, consents, personal files.',
  ],
  ['movement', 'Movement orders (admission, transfer, withdrawal) and class lists on any date.'],
  ['class-imports', 'Import of a class list with parents from CSV or XLSX.'],
  [
    'credentials',
    'Logins and one-time activation codes for staff, students and parents; printable slips.',
  ],
  ['usage', 'When accounts last used the system.'],
  [
    'curriculum',
    'The curriculum (hours per subject per grade), teachers’ load and the weekly student-load check.',
  ],
  [
    'timetable',
    'Weekly class timetables with conflict checks, lesson generation, substitutions, cancellations and lessons added by hand.',
  ],
  ['lessons', 'Dated lessons and what their teacher records: topic, type, content, homework.'],
  [
    'marks',
    'Marks of a lesson on the subject’s grading scale (J3); period, year, exam and final marks with suggestions (J4).',
  ],
  [
    'attendance',
    'Absences and late arrivals per lesson with reason codes, a day’s reason, the weekly reconciliation (J2).',
  ],
  [
    'journal',
    'The journal grid of a class × subject × period, the student’s diary, control reports and the history of a cell.',
  ],
  [
    'thematic-plans',
    'Thematic plans (КТП): topics with hours, the next topic for a lesson, program fulfilment.',
  ],
  [
    'reports',
    'Reports as background jobs (R1–R14, J9): ask, poll, download the JSON, CSV, XLSX or PDF file.',
  ],
  ['operations', 'Health of the service.'],
];

/** Sorted keys at every level: the committed contract only changes when the API does. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The OpenAPI document of the API, deterministic (sorted keys, operationId = handler name). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('School journal API')
    .setDescription(
      'Headless REST API of a school electronic class journal: people, classes, timetable, marks, attendance, reports. ' +
        'Errors are RFC 9457 problem documents with a stable `code`; lists use cursor pagination.',
    )
    .setVersion('1.0.0')
    .setLicense('AGPL-3.0-only', 'https://www.gnu.org/licenses/agpl-3.0.html')
    // Relative: every deployment serves its own copy at /docs, whose "Try it out" must call
    // that deployment, not a developer's localhost.
    .addServer('/', 'The server this document is served from')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Access token from POST /v1/auth/login.',
      },
      'bearer',
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controller, method) => method,
  });
  applyValidationConstraints(app, document);
  documentSharedAnswers(document);
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, OperationObject>)) {
      if (typeof operation === 'object') operation.security ??= [];
    }
  }
  return sortKeys(document) as OpenAPIObject;
}

export function serializeOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
