import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { AppConfig } from '../../config/config';
import { callContext } from '../request-context/call-context';
import { colourWanted } from './colour';
import { prettyDestination } from './pretty';

/**
 * One logger per process; Fastify's request logs carry `reqId` on their own. JSON lines on
 * stdout, or with `LOG_FORMAT=pretty` one line of text a record (coloured on a terminal).
 */
export function createLogger(
  config: Pick<AppConfig, 'logLevel' | 'logFormat'>,
  name: string,
): Logger {
  const options = {
    name,
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  };
  if (config.logFormat !== 'pretty') return pino(options);
  const stdout = pino.destination({ dest: 1, sync: true });
  return pino(options, prettyDestination(stdout, colourWanted(process.stdout)));
}

/**
 * Nest's start-up chatter: a line per module ("X dependencies initialized") and per route
 * ("Mapped {/v1/…, GET} route"). Written at debug, so `LOG_LEVEL=debug` shows it.
 */
const START_UP_DETAIL = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

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
    const context = params.at(-1);
    const level = typeof context === 'string' && START_UP_DETAIL.has(context) ? 'debug' : 'info';
    this.write(level, message, params);
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
