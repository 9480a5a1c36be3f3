import pino from 'pino';
import { colourWanted } from './colour';
import { formatRecord, prettyDestination, type LogRecord } from './pretty';

/** An instant at this wall-clock time in the process's time zone, as pino stamps `time`. */
const at = (hours: number, minutes: number, seconds: number, ms: number): number =>
  new Date(2026, 10, 25, hours, minutes, seconds, ms).getTime();

const base = { pid: 4242, hostname: 'box', name: 'api' };

/** A pino logger writing through the pretty destination into an array of chunks. */
function capturedLogger(colour = false) {
  const chunks: string[] = [];
  const logger = pino(
    { level: 'trace' },
    prettyDestination({ write: (text: string) => chunks.push(text) }, colour),
  );
  return { logger, chunks };
}

describe('formatRecord', () => {
  it('writes a request as one line: method, URL, status, duration, request id', () => {
    const record: LogRecord = {
      ...base,
      level: 30,
      time: at(11, 40, 25, 104),
      reqId: '6f0c2d1e-aaaa-bbbb-cccc-0123456789ab',
      method: 'GET',
      url: '/v1/me',
      statusCode: 200,
      responseTime: 3.14159,
      msg: 'request completed',
    };
    expect(formatRecord(record, false)).toBe(
      '11:40:25.104 INFO  GET /v1/me 200 3.1 ms req=6f0c2d1e-aaaa-bbbb-cccc-0123456789ab\n',
    );
  });

  it('adds the problem code of a failed request', () => {
    const record: LogRecord = {
      ...base,
      level: 30,
      time: at(9, 5, 0, 7),
      reqId: 'r-000001',
      method: 'POST',
      url: '/v1/auth/login',
      statusCode: 401,
      responseTime: 12,
      problem: 'auth.invalid_credentials',
      msg: 'request completed',
    };
    expect(formatRecord(record, false)).toBe(
      '09:05:00.007 INFO  POST /v1/auth/login 401 12.0 ms auth.invalid_credentials req=r-000001\n',
    );
  });

  it('shows the context in brackets and the other fields as key=value', () => {
    const record: LogRecord = {
      ...base,
      level: 40,
      time: at(11, 40, 31, 2),
      context: 'worker',
      jobId: '17',
      job: 'backup.run',
      detail: 'took long',
      msg: 'job stalled',
    };
    expect(formatRecord(record, false)).toBe(
      '11:40:31.002 WARN  [worker] job stalled jobId=17 job=backup.run detail="took long"\n',
    );
  });

  it('writes an error with its stack on the following lines, indented', () => {
    const { logger, chunks } = capturedLogger();
    const error = new Error('connection refused');
    logger.child({ reqId: 'r-000002' }).error({ context: 'http', err: error }, error.message);

    expect(chunks).toHaveLength(1);
    const lines = chunks[0].trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} ERROR \[http\] connection refused req=r-000002$/,
    );
    expect(lines[1]).toBe('  Error: connection refused');
    expect(lines.length).toBe(error.stack!.split('\n').length + 1);
    expect(lines.slice(2).every((line) => /^ {4,}at /.test(line))).toBe(true);
  });

  it('takes the message of an error logged without one', () => {
    const record: LogRecord = {
      level: 50,
      time: at(12, 0, 0, 0),
      err: { type: 'TypeError', message: 'x is undefined' },
      msg: '',
    };
    expect(formatRecord(record, false)).toBe(
      '12:00:00.000 ERROR x is undefined\n  TypeError: x is undefined\n',
    );
  });

  it('colours only when asked to, and never writes colour codes otherwise', () => {
    const record: LogRecord = {
      level: 50,
      time: at(12, 0, 0, 0),
      context: 'http',
      method: 'GET',
      url: '/v1/boom',
      statusCode: 500,
      responseTime: 1,
    };
    expect(formatRecord(record, false)).not.toContain('\u001b[');
    expect(formatRecord(record, true)).toContain('\u001b[31m500\u001b[0m');
  });
});

describe('prettyDestination', () => {
  it('writes one line per record through pino, without colour codes when told so', () => {
    const { logger, chunks } = capturedLogger(false);
    logger.info('Starting Nest application...');
    logger.debug({ context: 'RoutesResolver' }, 'AppController {/v1}:');
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}Starting Nest application\.\.\.\n$/);
    expect(chunks[1]).toMatch(/ DEBUG \[RoutesResolver\] AppController \{\/v1\}:\n$/);
    expect(chunks.join('')).not.toContain('\u001b[');
  });

  it('passes a line that is not a record through as it is', () => {
    const chunks: string[] = [];
    prettyDestination({ write: (text: string) => chunks.push(text) }, false).write('not json');
    expect(chunks).toEqual(['not json\n']);
  });
});

describe('colourWanted', () => {
  it('is true on a terminal without NO_COLOR only', () => {
    expect(colourWanted({ isTTY: true }, {})).toBe(true);
    expect(colourWanted({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourWanted({ isTTY: false }, {})).toBe(false);
    expect(colourWanted({}, {})).toBe(false);
  });
});
