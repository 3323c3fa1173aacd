// The history folder's public face.
export {
  HISTORY_FILE_NAME,
  openHistory,
  type HistoryEntry,
  type HistoryPoint,
  type HistoryStore,
} from './history-store.js';
export type { HistoryNotice } from './notice.js';
export {
  HistoryEntryViewSchema,
  formatHistoryCsv,
  formatHistoryTable,
  toHistoryEntryView,
  type HistoryEntryView,
} from './format.js';
