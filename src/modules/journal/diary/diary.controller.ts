import { Controller, Get, Header, HttpStatus, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import type { AppAbility } from '../../../core/policy/subjects';
import { JSON_CONTENT_TYPE, type JsonText } from '../grid/journal-read';
import { DiaryDto, DiaryQueryDto, MyDiaryQueryDto } from './dto/diary.dto';
import { DiaryService } from './diary.service';

const WEEK =
  'Seven days from the Monday of the week of `week` (this week by default, in the school’s time zone), each with the lessons of the class the student is enrolled in on that date: whole-class lessons and those of the student’s subgroups, with bell times, topic, homework, the student’s marks and absence.';

@ApiTags('journal')
@Controller()
export class DiaryController {
  constructor(private readonly diaries: DiaryService) {}

  @Get('students/:id/diary')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @Endpoint({
    summary: 'A student’s diary for a week',
    description: `${WEEK} The student, their parents and the staff who read the class’s marks see it; anyone else gets 404.`,
    permission: ['read', 'Mark'],
    response: DiaryDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getStudentDiary(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: DiaryQueryDto,
  ): Promise<JsonText> {
    return this.diaries.ofStudent(ability, id, query);
  }

  @Get('me/diary')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @Endpoint({
    summary: 'My diary (a student’s own, a parent’s child’s) for a week',
    description: `${WEEK} For a student their own; for a parent the child named by \`studentId\`, or the only child — a parent of several children gets 400 listing them (field \`studentId\`). 404 for an account that is neither, or a \`studentId\` that is not the account’s child.`,
    permission: ['read', 'Mark'],
    response: DiaryDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getMyDiary(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @Query() query: MyDiaryQueryDto,
  ): Promise<JsonText> {
    return this.diaries.mine(ability, actor, query);
  }
}
