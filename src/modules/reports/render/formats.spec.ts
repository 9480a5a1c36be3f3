import { attendanceReport } from '../../../../test/support/report-fixtures';
import {
  CONTENT_TYPES,
  EXTENSIONS,
  REPORT_FORMATS,
  renderReport,
  type ReportFormat,
} from './formats';

describe('report formats', () => {
  it('has a content type and an extension for every format', () => {
    expect(REPORT_FORMATS).toEqual(['json', 'csv', 'xlsx', 'pdf']);
    expect(CONTENT_TYPES).toEqual({
      json: 'application/json',
      csv: 'text/csv; charset=utf-8',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      pdf: 'application/pdf',
    });
    expect(Object.keys(EXTENSIONS).sort()).toEqual([...REPORT_FORMATS].sort());
  });

  it('renders the JSON format as the document itself', async () => {
    const doc = attendanceReport();
    const json = await renderReport(doc, 'json');
    expect(JSON.parse(json.toString('utf8'))).toEqual(doc);
    expect(json.toString('utf8')).toContain('Сводная ведомость');
  });

  it.each<[ReportFormat, number[]]>([
    ['csv', [0xef, 0xbb, 0xbf]], // the UTF-8 BOM
    ['xlsx', [0x50, 0x4b, 0x03, 0x04]], // a ZIP archive: PK\3\4
    ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ])('dispatches %s to its renderer', async (format, magic) => {
    const bytes = await renderReport(attendanceReport(), format, {
      draft: true,
      generatedAt: new Date('2025-11-25T07:00:00Z'),
      timeZone: 'Europe/Moscow',
    });
    expect([...bytes.subarray(0, magic.length)]).toEqual(magic);
  });
});
