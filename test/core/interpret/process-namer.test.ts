import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEvent } from '../../../src/core/audit/audit-event';
import { parseRecordLine } from '../../../src/core/audit/parse-record';
import { ProcessNamer } from '../../../src/core/interpret/process-namer';
import { RecentProcessTable } from '../../../src/core/interpret/recent-process-table';

function parsedEvent(...lines: string[]): AuditEvent {
  const records = lines.map((line) => {
    const outcome = parseRecordLine(line);
    assert.ok(outcome.ok, line);
    return outcome.record;
  });
  return { node: undefined, time: records[0].time, serial: records[0].serial, records };
}

function syscall(serial: number, ppid: number, pid: number, exe: string): string {
  return `type=SYSCALL msg=audit(1.${serial}:${serial}): arch=c000003e syscall=59 success=yes exit=0 ppid=${ppid} pid=${pid} auid=0 uid=0 comm="x" exe=${exe} key=(null)\x1dARCH=x86_64 UID="root"`;
}

test('an event is named from the events before it, then teaches the table its own process', () => {
  const namer = new ProcessNamer(new RecentProcessTable({ live: false }));
  const bash = namer.name(parsedEvent(syscall(1, 1, 100, '"/usr/bin/bash"')));
  assert.equal(bash.processNames, undefined, 'pid 1 was never seen');
  // hex-encoded exe (a path with a space), decoded as the parser does
  const child = namer.name(parsedEvent(syscall(2, 100, 200, '2F746D702F6120622F636174')));
  assert.deepEqual([...child.processNames!], [[100, '/usr/bin/bash']]);
  const grandchild = namer.name(parsedEvent(syscall(3, 200, 300, '"/usr/bin/id"')));
  assert.deepEqual([...grandchild.processNames!], [[200, '/tmp/a b/cat']]);
});

test('the event itself is not its own parent: lookup comes before learning', () => {
  const namer = new ProcessNamer(new RecentProcessTable({ live: false }));
  const self = namer.name(parsedEvent(syscall(1, 100, 100, '"/usr/bin/odd"')));
  assert.equal(self.processNames, undefined);
});

test('an AppArmor record names its parent= process', () => {
  const namer = new ProcessNamer(new RecentProcessTable({ live: false }));
  namer.name(parsedEvent(syscall(1, 1, 4242, '"/usr/sbin/cupsd"')));
  const avc = namer.name(parsedEvent(
    'type=AVC msg=audit(1.2:2): apparmor="DENIED" operation="exec" profile="/usr/sbin/cupsd" name="/bin/x" pid=5000 comm="cupsd" parent=4242',
  ));
  assert.deepEqual([...avc.processNames!], [[4242, '/usr/sbin/cupsd']]);
});

test('user-space records teach the table nothing', () => {
  const table = new RecentProcessTable({ live: false });
  const namer = new ProcessNamer(table);
  namer.name(parsedEvent("type=USER_CMD msg=audit(1.1:1): pid=77 uid=0 msg='exe=\"/usr/bin/sudo\" res=success'"));
  assert.equal(table.processName(77), undefined);
});

test('an io_uring operation (URINGOP, without comm or exe) names its parent and its own process', () => {
  const namer = new ProcessNamer(new RecentProcessTable({ live: false }));
  namer.name(parsedEvent(syscall(1, 1, 100, '"/usr/bin/bash"')));
  namer.name(parsedEvent(syscall(2, 100, 200, '"/usr/local/bin/uring-tool"')));
  const op = namer.name(
    parsedEvent('type=URINGOP msg=audit(1.3:3): uring_op=18 success=yes exit=5 items=1 ppid=100 pid=200 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 key=(null)'),
  );
  assert.deepEqual([...op.processNames!], [[100, '/usr/bin/bash'], [200, '/usr/local/bin/uring-tool']]);
});
