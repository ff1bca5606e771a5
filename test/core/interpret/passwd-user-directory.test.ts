import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PasswdUserDirectory } from '../../../src/core/interpret/passwd-user-directory';
import { tempDir } from '../../support/temp-dir';

test('names from passwd and group files, first entry wins, refresh re-reads, unset is undefined', (t) => {
  const dir = tempDir(t, 'audisp-json-passwd-');
  const passwd = path.join(dir, 'passwd');
  const group = path.join(dir, 'group');
  writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\ntoor:x:0:0::/:/bin/sh\n');
  writeFileSync(group, 'root:x:0:\nstaff:x:50:alice\n');
  const directory = new PasswdUserDirectory({ passwdFile: passwd, groupFile: group });
  assert.equal(directory.userName(0), 'root');
  assert.equal(directory.userName(1000), 'alice');
  assert.equal(directory.userName(4294967295), undefined);
  assert.equal(directory.userName(1234), undefined);
  assert.equal(directory.groupName(50), 'staff');
  writeFileSync(passwd, 'bob:x:1000:1000::/:/bin/sh\n');
  assert.equal(directory.userName(1000), 'alice', 'cached until refresh');
  directory.refresh();
  assert.equal(directory.userName(1000), 'bob');
});

test('missing files mean no names, not an error', () => {
  const directory = new PasswdUserDirectory({ passwdFile: '/nonexistent/passwd', groupFile: '/nonexistent/group' });
  assert.equal(directory.userName(0), undefined);
  assert.equal(directory.groupName(0), undefined);
});
