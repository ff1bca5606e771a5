import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldList } from '../../../src/core/audit/field-list';
import { parseRecordLine } from '../../../src/core/audit/parse-record';

test('FieldList: get and has see the first of a key written twice, iteration sees every field in order', () => {
  const f = new FieldList();
  f.add('name', '/a');
  f.add('inode', '1');
  f.add('name', '/b');
  assert.equal(f.get('name'), '/a');
  assert.equal(f.get('inode'), '1');
  assert.equal(f.get('nope'), undefined);
  assert.equal(f.has('inode'), true);
  assert.equal(f.has('nope'), false);
  assert.deepEqual([...f], [['name', '/a'], ['inode', '1'], ['name', '/b']]);
});

test('a record with a key twice: the first value counts; a user-space body never repeats a kernel field', () => {
  const outcome = parseRecordLine(`type=USER msg=audit(1.5:7): pid=1 uid=0 msg='op=x pid=99 res=success' pid=2`);
  assert.ok(outcome.ok);
  const fields = outcome.record.fields;
  assert.equal(fields.get('pid'), '1');
  assert.deepEqual([...fields].map(([key]) => key), ['pid', 'uid', 'op', 'res', 'pid']);
});
