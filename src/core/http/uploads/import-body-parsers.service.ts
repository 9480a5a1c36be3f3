import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IMPORT_MEDIA_TYPES, type ImportMediaType } from './import-file';

/** An XLSX of a few hundred rows is far below this; the API's general JSON limit is much smaller. */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

/** `text/csv; charset=utf-8` → `text/csv`; null for any type the imports do not read. */
export function importMediaType(header: string | undefined): ImportMediaType | null {
  const essence = (header ?? '').split(';')[0].trim().toLowerCase();
  return (IMPORT_MEDIA_TYPES as readonly string[]).includes(essence)
    ? (essence as ImportMediaType)
    : null;
}

const isImportRoute = (request: FastifyRequest): boolean =>
  request.routeOptions.config?.fileImport === true;

/**
 * Stands in for any other media type sent to an import route: its parser drops the body,
 * and the handler then answers 415. Refusing in the handler, not in a hook, keeps the usual
 * order of answers (401 and 403 before 415) that every other route has.
 */
const REFUSED_TYPE = 'application/x-refused-import-body';

/**
 * Teaches Fastify to read the imports' two media types as raw bytes, with their own 5 MiB
 * limit. Registered once by ImportUploadsModule, which the modules with import routes import.
 */
@Injectable()
export class ImportBodyParsersService implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    for (const type of IMPORT_MEDIA_TYPES) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
        (_request, body, done) => done(null, body),
      );
    }
    if (fastify.hasContentTypeParser(REFUSED_TYPE)) return;
    fastify.addContentTypeParser(
      REFUSED_TYPE,
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, _body, done) => done(null, undefined),
    );
    fastify.addHook('preParsing', (request, _reply, payload, done) => {
      if (isImportRoute(request) && !importMediaType(request.headers['content-type'])) {
        request.headers['content-type'] = REFUSED_TYPE;
      }
      done(null, payload);
    });
  }
}
