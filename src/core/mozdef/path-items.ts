import type { AuditRecord } from '../audit/audit-record';

/**
 * PATH records → `path`, `inode`, `dev`, `mode`, `ouid`, `ogid`, `rdev`, `nametype` for the first item
 * that is not a PARENT entry, `path2`, `inode2`... for the next ones. Items stay in `item=` order.
 * The C original took `path` from one record and the attributes from another; here each item's
 * attributes carry its own suffix. When every item is a PARENT entry (rare), those are used.
 */
const ATTRIBUTES = ['inode', 'dev', 'mode', 'ouid', 'ogid', 'rdev', 'nametype'] as const;

function itemNumber(record: AuditRecord): number {
  const n = Number(record.fields.get('item'));
  return Number.isInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

export function orderedPathItems(paths: readonly AuditRecord[]): AuditRecord[] {
  const named = paths.filter((p) => p.fields.get('nametype') !== 'PARENT');
  const chosen = named.length > 0 ? named : [...paths];
  return chosen.sort((a, b) => itemNumber(a) - itemNumber(b));
}

export function putPathItems(
  items: readonly AuditRecord[],
  details: { put(key: string, value: string | undefined): void },
): void {
  for (let i = 0; i < items.length; i++) {
    const suffix = i === 0 ? '' : String(i + 1);
    const fields = items[i].fields;
    details.put(`path${suffix}`, fields.get('name'));
    for (const attribute of ATTRIBUTES) details.put(`${attribute}${suffix}`, fields.get(attribute));
  }
}
