import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/core';
import cors from '@fastify/cors';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type Redis from 'ioredis';
import { AppModule, type AppModuleOptions } from '../../app.module';
import type { AppConfig } from '../../config/config';
import { runInLazyRequestContext } from '../database/lazy-request-context';
import { MetricsService } from '../health/metrics.service';
import { createLogger, NestPinoLogger } from '../logging/logger';
import { TokenService } from '../auth/token.service';
import { REDIS } from '../redis/redis.module';
import { callContext } from '../request-context/call-context';
import { registerConditionalGet } from './conditional-requests';
import { answerClientError, answerFrameworkError } from './framework-errors';
import { buildOpenApiDocument } from './openapi';
import { registerPageLinks } from './page-links';
import { ProblemFilter } from './problem.filter';
import { registerRateLimit } from './rate-limit';
import { OneLinePerRequest } from './request-log';
import { RouteMethods } from './route-methods';
import { registerSecurityHeaders } from './security-headers';
import { createValidationPipe } from './validation';

/** A client may pass its own request id (for tracing across systems) if it looks sane. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Builds the HTTP API: Nest on Fastify with every cross-cutting convention applied. */
export async function createHttpApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(config, 'api');
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // JSON keeps Fastify's two records per request; pretty writes one line per request.
    ...(config.logFormat === 'pretty' ? { logController: new OneLinePerRequest() } : {}),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestIdOf,
    // Errors raised before routing (a bad URL, a too long parameter, unparsable HTTP)
    // otherwise leave as Fastify's or Node's own JSON rather than problem documents.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    adapter,
    {
      logger: new NestPinoLogger(logger),
      abortOnError: false,
    },
  );
  app.enableShutdownHooks();
  await configureHttpApp(app, config, options);
  return app;
}

async function configureHttpApp(
  app: NestFastifyApplication,
  config: AppConfig,
  options: AppModuleOptions,
): Promise<void> {
  app.setGlobalPrefix('v1', { exclude: ['health', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  const routes = new RouteMethods();
  app.useGlobalFilters(new ProblemFilter(routes));

  const fastify = app.getHttpAdapter().getInstance();
  // Routes are registered at init, after this: recorded for 405 answers with `Allow`.
  fastify.addHook('onRoute', (route) => routes.record(route.method, route.url));
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  if (options.connect !== false) {
    const orm = app.get(MikroORM);
    // Opened after the body is parsed so the context survives into the handler.
    fastify.addHook('preHandler', (request, _reply, done) => {
      const reason = request.headers['x-change-reason'];
      callContext.run(
        {
          requestId: request.id,
          reason: typeof reason === 'string' ? decodeReason(reason).slice(0, 500) : undefined,
        },
        () => runInLazyRequestContext(orm.em, done),
      );
    });
  }
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });

  registerSecurityHeaders(fastify, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    exposedHeaders: [
      'etag',
      'link',
      'location',
      'ratelimit',
      'ratelimit-policy',
      'retry-after',
      'x-request-id',
      'idempotent-replayed',
    ],
    allowedHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'if-match',
      'if-none-match',
      'x-request-id',
      'x-change-reason',
    ],
    maxAge: 600,
  });
  const tokens = app.get(TokenService);
  registerRateLimit(fastify, {
    config,
    redis: app.get<Redis>(REDIS),
    verifyAccessToken: (token) => tokens.verifyAccessToken(token),
  });
  registerConditionalGet(fastify);
  registerPageLinks(fastify);

  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'School journal API',
  });
}

/**
 * Header values are ISO-8859-1, so clients send a Russian reason percent-encoded as UTF-8
 * (`encodeURIComponent`); plain ASCII reasons pass as they are.
 */
export function decodeReason(raw: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return raw;
  try {
    // A NUL (`%00`) cannot be stored in PostgreSQL text, and is no part of a reason.
    return decodeURIComponent(raw).replaceAll('\u0000', '');
  } catch {
    return raw;
  }
}
