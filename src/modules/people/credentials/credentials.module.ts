import { Module } from '@nestjs/common';
import { ClassesModule } from '../../classes/classes.module';
import { PeopleModule } from '../people.module';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';

/** Credentials (P3): accounts and one-time activation codes for people, printable slips. */
@Module({
  imports: [ClassesModule, PeopleModule],
  controllers: [CredentialsController],
  providers: [CredentialsService],
})
export class CredentialsModule {}
