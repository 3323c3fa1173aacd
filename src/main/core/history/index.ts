// The history folder's public face.
export {
  HISTORY_FILE_NAME,
  HistoryEntrySchema,
  RETENTION_MS,
  openHistory,
  type HistoryEntry,
  type HistoryPoint,
  type HistoryStore,
  type OpenHistoryOptions,
  type TimeRange,
  type UsagePeriod,
} from './history-store.js';
export type { HistoryNotice, HistoryNoticeReason } from './database.js';
export {
  HistoryEntryViewSchema,
  formatHistoryCsv,
  formatHistoryTable,
  toHistoryEntryView,
  type HistoryEntryView,
  type HistoryTableOptions,
} from './format.js';
