import { Module } from '@nestjs/common';
import { ClassesController } from './classes.controller';
import { ClassesPolicy } from './classes.policy';
import { ClassListService } from './class-list.service';
import { ClassesService } from './classes.service';
import { MovementController } from './movement.controller';
import { MovementService } from './movement.service';
import { RosterService } from './roster/roster.service';
import { StaffListController } from './staff-list.controller';
import { StaffListService } from './staff-list.service';
import { SubgroupsController } from './subgroups.controller';
import { SubgroupsService } from './subgroups.service';
import { TeachingAssignmentsController } from './teaching-assignments.controller';
import { TeachingAssignmentsService } from './teaching-assignments.service';

/** Classes, class lists and movement orders, subgroups, teaching assignments (O3, O4, P4). */
@Module({
  controllers: [
    ClassesController,
    StaffListController,
    TeachingAssignmentsController,
    SubgroupsController,
    MovementController,
  ],
  providers: [
    ClassesPolicy,
    ClassesService,
    StaffListService,
    TeachingAssignmentsService,
    SubgroupsService,
    MovementService,
    ClassListService,
    RosterService,
  ],
  exports: [ClassesService, RosterService, TeachingAssignmentsService],
})
export class ClassesModule {}
