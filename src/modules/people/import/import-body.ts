import {
  createParamDecorator,
  HttpStatus,
  Injectable,
  type ExecutionContext,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../../core/http/error-codes';
import { ProblemException } from '../../../core/http/problem';
import { IMPORT_MEDIA_TYPES, type ImportMediaType } from './import-file';

/** The import route as Fastify knows it (with the global `/v1` prefix). */
export const IMPORT_ROUTE = '/v1/classes/:id/imports';

/** An XLSX of 200 rows is far below this; the API's general JSON limit is much smaller. */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

/** `text/csv; charset=utf-8` → `text/csv`; null for any type the import does not read. */
export function importMediaType(header: string | undefined): ImportMediaType | null {
  const essence = (header ?? '').split(';')[0].trim().toLowerCase();
  return (IMPORT_MEDIA_TYPES as readonly string[]).includes(essence)
    ? (essence as ImportMediaType)
    : null;
}

const unsupportedMediaType = () =>
  new ProblemException(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.unsupportedMediaType,
    'Unsupported media type',
    `Send the file as ${IMPORT_MEDIA_TYPES.join(' or ')}.`,
  );

/**
 * Stands in for any other media type sent to the import route: its parser drops the body,
 * and the handler then answers 415. Refusing in the handler, not in a hook, keeps the usual
 * order of answers (401 and 403 before 415) that every other route has.
 */
const REFUSED_TYPE = 'application/x-refused-import-body';

/**
 * Teaches Fastify to read the import's two media types as raw bytes, with their own 5 MiB
 * limit. Registered by the import module itself, so nothing else in the API reads them.
 */
@Injectable()
export class ImportBodyParsers implements OnModuleInit {
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
    if (!fastify.hasContentTypeParser(REFUSED_TYPE)) {
      fastify.addContentTypeParser(
        REFUSED_TYPE,
        { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
        (_request, _body, done) => done(null, undefined),
      );
    }
    fastify.addHook('preParsing', (request, _reply, payload, done) => {
      if (
        request.routeOptions.url === IMPORT_ROUTE &&
        !importMediaType(request.headers['content-type'])
      ) {
        request.headers['content-type'] = REFUSED_TYPE;
      }
      done(null, payload);
    });
  }
}

export interface ImportUpload {
  type: ImportMediaType;
  body: Buffer;
}

/** The uploaded file: the raw body and its media type (checked by the hook above). */
export const UploadedImport = createParamDecorator(
  (_: unknown, context: ExecutionContext): ImportUpload => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const type = importMediaType(request.headers['content-type']);
    if (!type) throw unsupportedMediaType();
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return { type, body };
  },
);
