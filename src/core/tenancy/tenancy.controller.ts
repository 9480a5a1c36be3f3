import { Body, Controller, Get, Headers, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../auth/request-identity';
import { Endpoint } from '../http/endpoint.decorator';
import { IdParam } from '../http/id-param';
import { PageOf, PageQueryDto, type Page } from '../http/pagination';
import type { AppAbility } from '../policy/subjects';
import { CreateRegionDto, RegionDto } from './dto/region.dto';
import { CreateSchoolDto, ListSchoolsQueryDto, SchoolDto, UpdateSchoolDto } from './dto/school.dto';
import { TenancyService } from './tenancy.service';

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly tenancy: TenancyService) {}

  @Get()
  @Endpoint({
    summary: 'List regions',
    permission: ['read', 'Region'],
    response: PageOf(RegionDto),
  })
  listRegions(
    @CurrentAbility() ability: AppAbility,
    @Query() page: PageQueryDto,
  ): Promise<Page<RegionDto>> {
    return this.tenancy.listRegions(ability, page);
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get a region',
    permission: ['read', 'Region'],
    response: RegionDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getRegion(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<RegionDto> {
    return this.tenancy.getRegion(ability, id);
  }

  @Post()
  @Endpoint({
    summary: 'Create a region (platform operators)',
    permission: ['create', 'Region'],
    status: HttpStatus.CREATED,
    response: RegionDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.CONFLICT],
    idempotent: true,
  })
  createRegion(@Body() body: CreateRegionDto): Promise<RegionDto> {
    return this.tenancy.createRegion(body);
  }
}

@ApiTags('schools')
@Controller('schools')
export class SchoolsController {
  constructor(private readonly tenancy: TenancyService) {}

  @Get()
  @Endpoint({
    summary: 'List the schools visible to the caller',
    description:
      'A school’s staff see their school; an education authority the schools of its region.',
    permission: ['read', 'School'],
    response: PageOf(SchoolDto),
  })
  listSchools(
    @CurrentAbility() ability: AppAbility,
    @Query() query: ListSchoolsQueryDto,
  ): Promise<Page<SchoolDto>> {
    return this.tenancy.listSchools(ability, query);
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get a school',
    permission: ['read', 'School'],
    response: SchoolDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getSchool(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<SchoolDto> {
    return this.tenancy.getSchool(ability, id);
  }

  @Post()
  @Endpoint({
    summary: 'Create a school in a region (platform operators)',
    permission: ['create', 'School'],
    status: HttpStatus.CREATED,
    response: SchoolDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
    idempotent: true,
  })
  createSchool(
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateSchoolDto,
  ): Promise<SchoolDto> {
    return this.tenancy.createSchool(ability, body);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Change a school’s settings',
    permission: ['update', 'School'],
    response: SchoolDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.PRECONDITION_FAILED],
    ifMatch: true,
  })
  updateSchool(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateSchoolDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<SchoolDto> {
    return this.tenancy.updateSchool(ability, id, body, ifMatch);
  }
}
