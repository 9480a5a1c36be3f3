import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { createHttpApp } from './core/http/http-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createHttpApp(config);
  await app.listen({ host: config.host, port: config.port });
  app
    .getHttpAdapter()
    .getInstance()
    .log.info(`API listening on http://${config.host}:${config.port}, docs at /docs`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
