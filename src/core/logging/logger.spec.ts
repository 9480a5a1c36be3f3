import pino from 'pino';
import { NestPinoLogger } from './logger';

function nestLogger(level: 'info' | 'debug') {
  const records: { level: number; msg: string; context?: string }[] = [];
  const logger = pino(
    { level },
    { write: (line: string) => records.push(JSON.parse(line) as (typeof records)[number]) },
  );
  return { nest: new NestPinoLogger(logger), records };
}

describe('NestPinoLogger', () => {
  it("writes Nest's module and route start-up lines at debug, other lines at info", () => {
    const { nest, records } = nestLogger('info');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('AccountsController {/v1/accounts}:', 'RoutesResolver');
    nest.log('Mapped {/v1/accounts, GET} route', 'RouterExplorer');
    nest.log('Nest application successfully started', 'NestApplication');
    expect(records).toEqual([
      expect.objectContaining({
        level: 30,
        context: 'NestApplication',
        msg: 'Nest application successfully started',
      }),
    ]);
  });

  it('shows the start-up lines with LOG_LEVEL=debug', () => {
    const { nest, records } = nestLogger('debug');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('Mapped {/v1/accounts, GET} route', 'RouterExplorer');
    expect(records.map((r) => [r.level, r.context])).toEqual([
      [20, 'InstanceLoader'],
      [20, 'RouterExplorer'],
    ]);
  });

  it('keeps warnings and errors of those contexts at their level', () => {
    const { nest, records } = nestLogger('info');
    nest.warn('something odd', 'RouterExplorer');
    expect(records).toEqual([expect.objectContaining({ level: 40, context: 'RouterExplorer' })]);
  });
});
