import { Controller, Get, Module } from '@nestjs/common';
import {
  DiscoveryModule,
  DiscoveryService,
  MetadataScanner,
  NestFactory,
  Reflector,
} from '@nestjs/core';
import { Public } from '../auth/public.decorator';
import { Can } from './can.decorator';
import { findUndeclaredRoutes } from './route-permission-check.service';

@Controller('things')
class ThingsController {
  @Get()
  @Can('read', 'School')
  listThings(): string[] {
    return [];
  }

  @Get('open')
  @Public()
  openThing(): string {
    return 'open';
  }

  @Get('forgotten')
  forgottenThing(): string {
    return 'nobody said who may call me';
  }

  helperThatIsNotARoute(): void {}
}

@Module({ imports: [DiscoveryModule], controllers: [ThingsController] })
class ThingsModule {}

describe('route permission check', () => {
  it('names exactly the routes that declare neither @Can nor @Public', async () => {
    const app = await NestFactory.createApplicationContext(ThingsModule, { logger: false });
    const missing = findUndeclaredRoutes(
      app.get(DiscoveryService),
      app.get(MetadataScanner),
      app.get(Reflector),
    );
    expect(missing).toEqual(['ThingsController.forgottenThing']);
    await app.close();
  });
});
