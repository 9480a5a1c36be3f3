import { Module } from '@nestjs/common';
import { PeopleScopeSource } from './people-scope.source';
import { PeoplePolicy } from './people.policy';

/** People of a school (P1, P2, P5–P7): cards, parents, documents, health data, consents. */
@Module({
  controllers: [],
  providers: [PeoplePolicy, PeopleScopeSource],
})
export class PeopleModule {}
