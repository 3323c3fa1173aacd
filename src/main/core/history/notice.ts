// What the history store tells its user about the file: kept apart from the database code so
// the app's notification decisions can name the reasons without loading SQLite.
import * as z from '../../../shared/zod.js';

/** `failed`: a write (or a prune, or a clear) did not happen; `read-failed`: a query did not. */
export const HistoryNoticeReasonSchema = z.enum(['corrupt', 'newer-version', 'unavailable', 'failed', 'read-failed']);
export type HistoryNoticeReason = z.infer<typeof HistoryNoticeReasonSchema>;

export interface HistoryNotice {
  readonly reason: HistoryNoticeReason;
  /** Where the bad file now is, when it was moved. */
  readonly backupPath: string | null;
  /** English, for the CLI's stderr; the app words the reason in the reader's language. */
  readonly message: string;
}
