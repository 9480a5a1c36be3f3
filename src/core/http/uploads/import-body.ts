import {
  createParamDecorator,
  HttpStatus,
  Injectable,
  Module,
  type ExecutionContext,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '../error-codes';
import { ProblemException } from '../problem';
import { IMPORT_MEDIA_TYPES, type ImportMediaType } from './import-file';

/** An XLSX of a few hundred rows is far below this; the API's general JSON limit is much smaller. */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by `@ImportRoute()`: the body is an uploaded table. */
    fileImport?: boolean;
  }
}

/**
 * Marks a handler whose body is an uploaded table (CSV or XLSX), read with
 * `@UploadedImport()`. Needs `ImportUploadsModule` imported by the handler's module.
 */
export const ImportRoute = () => RouteConfig({ fileImport: true });

const isImportRoute = (request: FastifyRequest): boolean =>
  request.routeOptions.config?.fileImport === true;

/** `text/csv; charset=utf-8` → `text/csv`; null for any type the imports do not read. */
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

/** Import this where a controller has `@ImportRoute()` handlers. */
@Module({ providers: [ImportBodyParsers] })
export class ImportUploadsModule {}

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
