// One export of the statistics report: the counts (a year at a time), the report, the workbook,
// with progress — reading is most of the work on long periods, writing the sheets the rest.
import type { Database } from '../../db/database.js';
import { buildReport } from './report.js';
import { loadCounts, reasonInfo, type ReportPlan } from './reportData.js';
import { referralTermNames } from './referrals.js';
import type { ExportFile } from './exportJobs.js';
import { reportWorkbook, workbookFileName } from './xlsxReport.js';

const READING_SHARE = 0.7;

export async function exportContactReport(db: Database, plan: ReportPlan, progress: (fraction: number) => void): Promise<ExportFile> {
  const counts = await loadCounts(db, plan, (done, total) => progress((READING_SHARE * done) / total));
  const [reasons, terms] = await Promise.all([
    reasonInfo(db, counts.values('c.reason')),
    referralTermNames(db, counts.values('referral.term')),
  ]);
  const report = buildReport(plan, counts, reasons, terms);
  const data = await reportWorkbook(report, (done, total) => progress(READING_SHARE + ((1 - READING_SHARE) * done) / total));
  return { name: workbookFileName(report), asciiName: `contacts-report_${plan.period.from}_${plan.period.to}.xlsx`, data };
}
