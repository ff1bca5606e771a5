import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseRecordLine } from '../../../src/core/audit/parse-record';
import { socketAddress } from '../../../src/core/interpret/socket-address';

const socketAddressText = (saddr: string | undefined) => socketAddress(saddr)?.words;
import { repoRoot } from '../../support/paths';

const CORPUS = path.join(repoRoot(), '..', 'shared', 'corpus');

test('saddr hex in the words of auditd 3.0.9 (as `ausearch -i` printed each of these here)', () => {
  const cases: [string, string][] = [
    ['020001BB0A0102030000000000000000', '{ saddr_fam=inet laddr=10.1.2.3 lport=443 }'],
    ['020001BB', '{ saddr_fam=inet sockaddr len too short }'],
    ['0A001F90000000000000000000000000000000000000000100000000', '{ saddr_fam=inet6 laddr=::1 lport=8080 }'],
    ['0A0000350000000000000000000000000000FFFFC0A8010100000000', '{ saddr_fam=inet6 laddr=::ffff:192.168.1.1 lport=53 }'],
    ['0A0000010000000020010DB800000000000100000000000100000000', '{ saddr_fam=inet6 laddr=2001:db8::1:0:0:1 lport=1 }'],
    ['01002F72756E2F782E736F636B00', '{ saddr_fam=local path=/run/x.sock }'],
    ['01000061627374726163742D6E616D65', '{ saddr_fam=local path=abstract-name }'],
    ['0100', '{ saddr_fam=local sockaddr len too short }'],
    ['10000000D204000000000000', '{ saddr_fam=netlink nlnk-fam=16 nlnk-pid=1234 }'],
  ];
  for (const [hex, words] of cases) assert.equal(socketAddressText(hex), words, hex);
});

test('saddr: a scope is its number, a big-endian host\'s struct is read as such, other families and bad hex are not guessed', () => {
  // auditd printed `fe80::1:2%ifb0`: the name of interface 2 on the host that read it.
  assert.equal(socketAddressText('0A00001600000000FE80000000000000000000000001000202000000'), '{ saddr_fam=inet6 laddr=fe80::1:2%2 lport=22 }');
  assert.equal(socketAddressText('0010000000000FA2'), '{ saddr_fam=netlink nlnk-fam=16 nlnk-pid=4002 }');
  assert.equal(socketAddressText('000201BB0A0102030000000000000000'), '{ saddr_fam=inet laddr=10.1.2.3 lport=443 }');
  // Compressed as inet_ntop does: the longest zero run, a dotted IPv4-compatible tail, not ::0.0.1.0.
  const inet6 = (address: string) => socketAddressText(`0A00001600000000${address}00000000`);
  assert.equal(inet6('00000000000000000000000001020304'), '{ saddr_fam=inet6 laddr=::1.2.3.4 lport=22 }');
  assert.equal(inet6('00000000000000000000000000000100'), '{ saddr_fam=inet6 laddr=::100 lport=22 }');
  assert.equal(inet6('00010000000000010000000000000001'), '{ saddr_fam=inet6 laddr=1:0:0:1::1 lport=22 }');
  assert.equal(inet6('00000000000100000000000000000000'), '{ saddr_fam=inet6 laddr=0:0:1:: lport=22 }');
  assert.equal(inet6('00000000000000000000000000000000'), '{ saddr_fam=inet6 laddr=:: lport=22 }');
  assert.equal(inet6('20010DB8000100020003000400050006'), '{ saddr_fam=inet6 laddr=2001:db8:1:2:3:4:5:6 lport=22 }');
  // A path that is not UTF-8 keeps its bytes.
  assert.equal(socketAddressText('01002F746D702FFF00'), '{ saddr_fam=local path=/tmp/\\xff }');
  for (const hex of ['1100000302000000000000000000000000000000', '00000000000000000000000000000000', 'C8000000', '02', '0G00', undefined]) {
    assert.equal(socketAddressText(hex), undefined, String(hex));
  }
});

test('saddr as a summary names it: host:port, [v6]:port, the path, @ before an abstract name; netlink has none', () => {
  const endpoint = (hex: string) => socketAddress(hex)?.endpoint;
  assert.equal(endpoint('020001BB0A0102030000000000000000'), '10.1.2.3:443');
  assert.equal(endpoint('0A001F90000000000000000000000000000000000000000100000000'), '[::1]:8080');
  assert.equal(endpoint('01002F72756E2F782E736F636B00'), '/run/x.sock');
  assert.equal(endpoint('01000061627374726163742D6E616D65'), '@abstract-name');
  assert.equal(endpoint('10000000D204000000000000'), undefined);
  assert.equal(endpoint('020001BB'), undefined);
});

function feeds(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? feeds(full) : /\.(log|txt|in)$/.test(entry) ? [full] : [];
  });
}

test('every SOCKADDR of the shared corpus with auditd\'s words for a family we read: ours are the same', { skip: !existsSync(CORPUS) }, () => {
  let compared = 0;
  for (const file of feeds(CORPUS)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.includes('type=SOCKADDR')) continue;
      const outcome = parseRecordLine(line);
      if (!outcome.ok) continue;
      // auditd before 3.0 wrote `fam=` for `saddr_fam=`.
      const theirs = outcome.record.enriched?.get('SADDR')?.replace(/^\{ fam=/, '{ saddr_fam=');
      const ours = socketAddressText(outcome.record.fields.get('saddr'));
      if (theirs === undefined || ours === undefined) continue;
      assert.equal(ours, theirs, `${path.relative(CORPUS, file)}: ${line.slice(0, 120)}`);
      compared++;
    }
  }
  // basic-1.log alone has local, inet, inet6 and netlink ones.
  assert.ok(compared >= 150, `only ${compared} compared`);
});
