import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import { assertIfMatch } from '../http/conditional-requests';
import { findPage, mapPage, type Page, type PageQueryDto } from '../http/pagination';
import { ProblemException } from '../http/problem';
import { accessibleWhere } from '../policy/accessible-where';
import { assertAllowed, findVisible } from '../policy/scoped-find';
import type { AppAbility } from '../policy/subjects';
import { providersMarkedWith } from '../discovery/marked-providers';
import { auditInSchool } from '../request-context/call-context';
import { CreateRegionDto, RegionDto } from './dto/region.dto';
import { CreateSchoolDto, ListSchoolsQueryDto, SchoolDto, UpdateSchoolDto } from './dto/school.dto';
import { Region } from './entities/region.entity';
import { School } from './entities/school.entity';
import { SCHOOL_SETUP, type SchoolSetup } from './school-setup';

/** Regions and their schools: the tenants of the platform. */
@Injectable()
export class TenancyService implements OnModuleInit {
  private schoolSetups: SchoolSetup[] = [];

  constructor(
    private readonly em: EntityManager,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    this.schoolSetups = providersMarkedWith<SchoolSetup>(this.discovery, SCHOOL_SETUP);
  }

  async listRegions(ability: AppAbility, page: PageQueryDto): Promise<Page<RegionDto>> {
    const regions = await findPage(
      this.em,
      Region,
      accessibleWhere(ability, 'read', 'Region'),
      page,
    );
    return mapPage(regions, RegionDto.from);
  }

  async getRegion(ability: AppAbility, id: string): Promise<RegionDto> {
    return RegionDto.from(await findVisible(this.em, Region, id, ability, 'Region'));
  }

  async createRegion(input: CreateRegionDto): Promise<RegionDto> {
    const region = this.em.create(Region, input);
    await this.em.flush();
    return RegionDto.from(region);
  }

  async listSchools(ability: AppAbility, query: ListSchoolsQueryDto): Promise<Page<SchoolDto>> {
    const where = {
      $and: [
        accessibleWhere<School>(ability, 'read', 'School'),
        query.regionId ? { regionId: query.regionId } : {},
      ],
    };
    return mapPage(await findPage(this.em, School, where, query), SchoolDto.from);
  }

  async getSchool(ability: AppAbility, id: string): Promise<SchoolDto> {
    return SchoolDto.from(await findVisible(this.em, School, id, ability, 'School'));
  }

  async createSchool(ability: AppAbility, input: CreateSchoolDto): Promise<SchoolDto> {
    await findVisible(this.em, Region, input.regionId, ability, 'Region');
    if (!ability.can('create', subject('School', { regionId: input.regionId }))) {
      throw ProblemException.forbidden('You may not create schools in this region.');
    }
    const school = this.em.create(School, {
      ...input,
      timeZone: input.timeZone ?? 'Europe/Moscow',
    });
    for (const setup of this.schoolSetups) setup.prepare(this.em, school);
    auditInSchool(school.id);
    await this.em.flush();
    return SchoolDto.from(school);
  }

  async updateSchool(
    ability: AppAbility,
    id: string,
    changes: UpdateSchoolDto,
    ifMatch: string | undefined,
  ): Promise<SchoolDto> {
    const school = await findVisible(this.em, School, id, ability, 'School');
    await assertAllowed(this.em, School, id, ability, 'update', 'School');
    assertIfMatch(ifMatch, SchoolDto.from(school));
    this.em.assign(school, changes);
    auditInSchool(school.id);
    await this.em.flush();
    return SchoolDto.from(school);
  }
}
