import type { DestinationStream } from 'pino';

/**
 * `LOG_FORMAT=pretty`: pino still builds its JSON record, and this destination turns each one
 * into a line for a person before it is written:
 *
 *   11:40:25.104 INFO  [NestApplication] Nest application successfully started
 *   11:40:26.311 INFO  GET /v1/me 200 3.1 ms req=6f0c…
 *   11:40:31.002 ERROR [http] connection refused req=…
 *     Error: connection refused
 *         at …
 *
 * The time is the record's own (`time`), shown in the process's time zone.
 */

/** A pino record, parsed: the fields every record has, and whatever else was logged. */
export interface LogRecord {
  level: number;
  time?: number | string;
  msg?: string;
  [field: string]: unknown;
}

/** The fields the API's one line per request carries (see core/http/request-log.ts). */
export interface RequestLogFields {
  method: string;
  url: string;
  statusCode: number;
  /** Milliseconds, from the request's arrival to the last byte of the answer. */
  responseTime: number;
  /** The `code` of the problem document a 4xx or 5xx answered with, when there was one. */
  problem?: string;
}

const LEVELS: Record<number, { label: string; colour: number }> = {
  10: { label: 'TRACE', colour: 90 },
  20: { label: 'DEBUG', colour: 34 },
  30: { label: 'INFO', colour: 32 },
  40: { label: 'WARN', colour: 33 },
  50: { label: 'ERROR', colour: 31 },
  60: { label: 'FATAL', colour: 35 },
};

/** Shown elsewhere in the line, or not worth a person's attention in development. */
const SHOWN_APART = new Set([
  'level',
  'time',
  'msg',
  'pid',
  'hostname',
  'name',
  'context',
  'reqId',
  'err',
  'stack',
]);

type Paint = (colour: number, text: string) => string;

/** One record as text: one line, then the error's stack (indented) when it has one. */
export function formatRecord(record: LogRecord, colour: boolean): string {
  const paint: Paint = colour ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_, t) => t;
  const level = LEVELS[record.level] ?? { label: `L${record.level}`, colour: 0 };
  const parts = [paint(90, clockTime(record.time)), paint(level.colour, level.label.padEnd(5))];
  if (typeof record.context === 'string' && record.context) {
    parts.push(paint(36, `[${record.context}]`));
  }

  const error = errorOf(record);
  const request = requestOf(record);
  if (request) {
    parts.push(requestLine(request, paint));
  } else {
    const message = record.msg || error?.message || '';
    if (message) parts.push(message);
    parts.push(...otherFields(record, SHOWN_APART));
  }
  if (typeof record.reqId === 'string' || typeof record.reqId === 'number') {
    parts.push(paint(90, `req=${record.reqId}`));
  }

  const lines = [parts.join(' ')];
  const details = error?.stack ?? (error ? `${error.type ?? 'Error'}: ${error.message}` : '');
  for (const line of details.split('\n')) if (line) lines.push(`  ${line}`);
  return `${lines.join('\n')}\n`;
}

/** A pino destination writing each record as `formatRecord` text to `target`. */
export function prettyDestination(
  target: { write(text: string): unknown },
  colour: boolean,
): DestinationStream {
  return {
    write(line: string): void {
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        record = undefined;
      }
      target.write(
        isRecord(record) ? formatRecord(record, colour) : line.endsWith('\n') ? line : `${line}\n`,
      );
    },
  };
}

function isRecord(value: unknown): value is LogRecord {
  return (
    typeof value === 'object' && value !== null && typeof (value as LogRecord).level === 'number'
  );
}

function clockTime(time: LogRecord['time']): string {
  const at = typeof time === 'number' || typeof time === 'string' ? new Date(time) : undefined;
  if (!at || Number.isNaN(at.getTime())) return '--:--:--.---';
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

function requestOf(record: LogRecord): RequestLogFields | undefined {
  const { method, url, statusCode, responseTime } = record;
  if (
    typeof method === 'string' &&
    typeof url === 'string' &&
    typeof statusCode === 'number' &&
    typeof responseTime === 'number'
  ) {
    const problem = typeof record.problem === 'string' ? record.problem : undefined;
    return { method, url, statusCode, responseTime, problem };
  }
  return undefined;
}

function requestLine(request: RequestLogFields, paint: Paint): string {
  const status = request.statusCode;
  const statusColour = status >= 500 ? 31 : status >= 400 ? 33 : status >= 300 ? 36 : 32;
  return [
    request.method,
    request.url,
    paint(statusColour, String(status)),
    `${request.responseTime.toFixed(1)} ms`,
    ...(request.problem ? [request.problem] : []),
  ].join(' ');
}

/** The error of a record: pino's serialized `err`, or a Nest-style `stack` string. */
function errorOf(
  record: LogRecord,
): { type?: string; message: string; stack?: string } | undefined {
  const err = record.err;
  if (typeof err === 'object' && err !== null) {
    const { type, message, stack } = err as Record<string, unknown>;
    return {
      type: typeof type === 'string' ? type : undefined,
      message: typeof message === 'string' ? message : '',
      stack: typeof stack === 'string' ? stack : undefined,
    };
  }
  if (typeof record.stack === 'string' && record.stack) {
    return { message: '', stack: record.stack };
  }
  return undefined;
}

/** The record's remaining fields as `key=value`; strings with spaces and objects as JSON. */
function otherFields(record: LogRecord, skip: Set<string>): string[] {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (skip.has(key) || value === undefined) continue;
    const text =
      typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
    fields.push(`${key}=${text}`);
  }
  return fields;
}
