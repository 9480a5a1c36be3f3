import { Inject, Injectable } from '@nestjs/common';
import { REPORT_DEFINITIONS, type ReportDefinition } from './report-types/report-definition';
import type { ReportType } from './report-types/report-type-names';

/** Every report type, by name. */
@Injectable()
export class ReportCatalogService {
  private readonly byType: Map<ReportType, ReportDefinition>;

  constructor(@Inject(REPORT_DEFINITIONS) definitions: ReportDefinition[]) {
    this.byType = new Map(definitions.map((definition) => [definition.type, definition]));
  }

  get(type: ReportType): ReportDefinition {
    const definition = this.byType.get(type);
    if (!definition) throw new Error(`report type "${type}" has no definition`);
    return definition;
  }
}
