import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { AppConfig } from '../../config/config';
import { callContext } from '../request-context/call-context';

/** One JSON logger per process; Fastify's request logs carry `reqId` on their own. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, name: string): Logger {
  return pino({
    name,
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  });
}

/**
 * Lets Nest's `Logger` write through pino. Every line written during a request or a job
 * carries its `reqId`, wherever in the code it is written.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace',
    message: unknown,
    params: unknown[],
  ): void {
    const last = params.at(-1);
    const context = typeof last === 'string' ? last : undefined;
    const reqId = callContext.current()?.requestId;
    const fields = reqId ? { context, reqId } : { context };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null)
      this.logger[level]({ ...fields, ...message }, typeof params[0] === 'string' ? params[0] : '');
    else this.logger[level](fields, String(message));
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
}
