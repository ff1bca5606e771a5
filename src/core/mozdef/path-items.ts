import type { AuditRecord } from '../audit/audit-record';
import { type DetailKey, detailKey } from './detail-key';
import type { DetailsBuilder } from './details-builder';

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

export function putPathItems(items: readonly AuditRecord[], details: DetailsBuilder): void {
  for (let i = 0; i < items.length; i++) {
    const fields = items[i].fields;
    for (const [key, field] of itemKeys(i)) details.put(key, fields.get(field));
  }
}

/** The details keys of the i-th item and the fields they take; made once for the first few items. */
const ITEM_KEYS_KEPT = 64;
const itemKeysMade: (readonly (readonly [DetailKey, string])[])[] = [];

function itemKeys(i: number): readonly (readonly [DetailKey, string])[] {
  const made = itemKeysMade[i];
  if (made !== undefined) return made;
  const suffix = i === 0 ? '' : String(i + 1);
  const keys = [[detailKey(`path${suffix}`), 'name'] as const, ...ATTRIBUTES.map((a) => [detailKey(`${a}${suffix}`), a] as const)];
  if (i < ITEM_KEYS_KEPT) itemKeysMade[i] = keys;
  return keys;
}
