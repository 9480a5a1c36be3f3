import { Module } from '@nestjs/common';
import { ClassesPolicy } from './classes.policy';

/** Classes, class lists and movement orders, subgroups, teaching assignments (O3, O4, P4). */
@Module({
  controllers: [],
  providers: [ClassesPolicy],
})
export class ClassesModule {}
