import { Module } from '@nestjs/common';
import { ClassesModule } from '../classes/classes.module';
import { PeopleModule } from '../people/people.module';
import { ProfileController } from './profile.controller';
import { ProfileService } from './profile.service';

/**
 * The caller's own view (`GET /v1/me`): core's account and roles plus the person cards,
 * children, classes led and teaching that only the modules know. It sits above `classes` in
 * MODULE_LAYERS and reads the others only through their exported services.
 */
@Module({
  imports: [PeopleModule, ClassesModule],
  controllers: [ProfileController],
  providers: [ProfileService],
})
export class ProfileModule {}
