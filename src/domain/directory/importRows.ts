// The rows an import file holds, collected by id. Ids are unique across the whole file (every HSDS
// table shares one id space in directory_rows). In tabular data (CSV, tabular JSON) an id seen twice
// is an error; in compiled JSON the same object may be nested in several places (a service's
// organization, which also lists its locations), so occurrences of one id merge, field by field,
// unless they disagree.
import type { HsdsData, HsdsKind } from '../../db/schema.js';
import type { IssueList } from './importIssues.js';
import type { Where } from './hsdsValues.js';

export interface ImportRow {
  kind: HsdsKind;
  data: HsdsData;
  /** Where the row (its first occurrence) is in the file. */
  where: Where;
}

export interface ParsedImport {
  /** The good rows, in the order the file gives them. */
  rows: ImportRow[];
  issues: IssueList;
  /** Row occurrences read (good and bad): the import's total. */
  total: number;
}

export class RowCollector {
  private readonly byId = new Map<string, ImportRow>();
  private readonly badIds = new Set<string>();
  total = 0;

  constructor(
    readonly issues: IssueList,
    private readonly merge: boolean,
  ) {}

  /** One row occurrence; `bad` when its values were already found wrong. */
  add(kind: HsdsKind, data: HsdsData, where: Where, bad: boolean): void {
    this.total++;
    const id = typeof data.id === 'string' ? data.id : null;
    if (id === null) return; // no usable id: already reported (required or invalid_uuid)
    const seen = this.byId.get(id);
    if (!seen) {
      this.byId.set(id, { kind, data, where });
      if (bad) this.badIds.add(id);
      return;
    }
    if (!this.merge || seen.kind !== kind) {
      this.issues.add(where, 'duplicate_id', 'id', id);
      return;
    }
    if (bad) this.badIds.add(id);
    for (const [field, value] of Object.entries(data)) {
      const before = seen.data[field];
      if (before === undefined || before === null) seen.data[field] = value;
      else if (before !== value) {
        this.issues.add(where, 'conflicting_duplicate', field, id);
        this.badIds.add(id);
      }
    }
  }

  result(): ParsedImport {
    const rows = [...this.byId.entries()].filter(([id]) => !this.badIds.has(id)).map(([, row]) => row);
    return { rows, issues: this.issues, total: this.total };
  }
}
