/** What a review can be exported as. */
export const REPORT_FORMATS = ['html', 'markdown', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** One exported report, ready to download or save. */
export interface ExportedFile {
  fileName: string;
  mime: string;
  content: string;
}
