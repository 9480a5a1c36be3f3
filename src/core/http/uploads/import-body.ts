import { createParamDecorator, HttpStatus, Module, type ExecutionContext } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../error-codes';
import { ProblemException } from '../problem';
import { IMPORT_MEDIA_TYPES, type ImportMediaType } from './import-file';
import { importMediaType, ImportBodyParsersService } from './import-body-parsers.service';

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

const unsupportedMediaType = () =>
  new ProblemException(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.unsupportedMediaType,
    'Unsupported media type',
    `Send the file as ${IMPORT_MEDIA_TYPES.join(' or ')}.`,
  );

/** Import this where a controller has `@ImportRoute()` handlers. */
@Module({ providers: [ImportBodyParsersService] })
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
