import { Module } from '@nestjs/common';
import { PeopleScopeSource } from './people-scope.source';
import { PeopleController } from './people.controller';
import { PeoplePolicy } from './people.policy';
import { PeopleService } from './people.service';
import { PersonAccountsController } from './person-accounts.controller';
import { PersonAccountsService } from './person-accounts.service';
import { PersonRecordsController } from './person-records.controller';
import { PersonRecordsService } from './person-records.service';

/**
 * People of a school (P1, P2, P5–P7): cards, parents, documents, health data, consents. Its
 * sub-modules credentials/, import/ and usage/ work on class lists, so they sit above
 * `classes` and the application registers them itself.
 */
@Module({
  controllers: [PeopleController, PersonRecordsController, PersonAccountsController],
  providers: [
    PeoplePolicy,
    PeopleScopeSource,
    PeopleService,
    PersonRecordsService,
    PersonAccountsService,
  ],
  exports: [PeopleService, PersonAccountsService],
})
export class PeopleModule {}
