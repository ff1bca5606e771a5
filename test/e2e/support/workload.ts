import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/paths';

/**
 * A workload that makes the kernel log one event of every category, in a pseudo login session with a
 * login uid of its own (`auid`), so its messages are told apart from anything else on the machine.
 */

export interface Workload {
  /** Login uid of the session: every syscall event of the workload carries it. */
  readonly auid: number;
  /** Marker word in the exec'd command line. */
  readonly marker: string;
  /** The watched directory (rules: -w DIR -p rwa). */
  readonly watched: string;
  /** A file in it that the workload opens through io_uring (rule: -F path=FILE, no -p: see the README). */
  readonly uringFile: string;
  /** Interface put into promiscuous mode and back. */
  readonly iface: string;
  /** On x86_64: where the 32-bit program of socketcall32.s is built (runWorkload builds it). */
  readonly socketcall32: string | undefined;
}

const SCRIPT = String.raw`
set -u
W=$1 MARKER=$2 IFACE=$3 NODE=$4 SOCKETCALL32=$5
fail() { echo "workload: $*" >&2; status=1; }
status=0
/bin/echo "$MARKER" > /dev/null || fail exec
echo written > "$W/written.txt" || fail write
cat "$W/read.txt" > /dev/null || fail read
chmod 0600 "$W/written.txt" || fail chmod
chown 1:1 "$W/written.txt" || fail chown
setfattr -n user.audisp_json -v e2e "$W/written.txt" || fail setxattr
# openat2 for writing: its flags are in the OPENAT2 record, not in its arguments (437 on every arch)
python3 - "$W/openat2.txt" <<'EOF' || fail openat2
import ctypes, os, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
how = ctypes.create_string_buffer(struct.pack('QQQ', os.O_WRONLY | os.O_CREAT, 0o600, 0), 24)
fd = libc.syscall(437, -100, sys.argv[1].encode(), how, 24)
assert fd >= 0, os.strerror(ctypes.get_errno())
os.close(fd)
EOF
# execveat (fexecve): an exec that a rule on execve alone misses
python3 - "$MARKER-execveat" <<'EOF' || fail execveat
import ctypes, os, platform, sys
libc = ctypes.CDLL(None, use_errno=True)
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    argv = (ctypes.c_char_p * 3)(b'/bin/echo', sys.argv[1].encode(), None)
    libc.syscall({'x86_64': 322, 'aarch64': 281}[platform.machine()], -100, b'/bin/echo', argv, (ctypes.c_char_p * 1)(None), 0)
    os._exit(127)
assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0, 'execveat failed'
EOF
# an exec with argc=0 (argv = {NULL}), as CVE-2021-4034 exploits make; since 5.18 one empty argument
python3 - <<'EOF' || fail "argc=0 exec"
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
pid = os.fork()
if pid == 0:
    argv = (ctypes.c_char_p * 1)(None)
    libc.execve(b'/bin/true', argv, argv)
    os._exit(127)
assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0, 'argc=0 exec failed'
EOF
# fchmodat2 (452, Linux 6.6): auditd 3.0.9 has no name for it; ENOSYS on an older kernel
python3 - "$W/fchmodat2.txt" <<'EOF' || fail fchmodat2
import ctypes, os, sys
open(sys.argv[1], 'w').close()
libc = ctypes.CDLL(None, use_errno=True)
if libc.syscall(452, -100, sys.argv[1].encode(), 0o640, 0) == 0: print('fchmodat2=done')
else: assert ctypes.get_errno() == 38, os.strerror(ctypes.get_errno())
EOF
# libuv opens files through io_uring when asked to: a URINGOP record, no SYSCALL
UV_USE_IO_URING=1 "$NODE" -e 'require("fs").promises.open(process.argv[1], "r").then((f) => f.close())' "$W/uring.txt" || fail io_uring
strace -o /dev/null /bin/true || fail ptrace
# kill -TERM of a sleep, once it is one (a child shell until its exec)
sleep 30 & victim=$!; echo "killed-pid=$victim"
for _ in $(seq 10000); do [ "$(cat /proc/$victim/comm 2>/dev/null)" = sleep ] && break; done
kill -TERM $victim || fail kill; wait $victim 2>/dev/null
# a read that Landlock refuses (Linux 6.15+ audits its denials; no rule asks for them)
python3 - "$W/read.txt" <<'EOF' || fail landlock
import ctypes, os, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
if libc.syscall(444, None, 0, 1) >= 7:  # the ABI version: 7 is the first with audit
    rules = ctypes.create_string_buffer(struct.pack('QQQ', 1 << 2, 0, 0), 24)  # handled: READ_FILE
    fd = libc.syscall(444, rules, 24, 0)
    assert fd >= 0 and libc.prctl(38, 1, 0, 0, 0) == 0 and libc.syscall(446, fd, 0) == 0, os.strerror(ctypes.get_errno())
    try:
        open(sys.argv[1]).close()
    except PermissionError:
        print('landlock=done')
EOF
# kill -TERM of a process group: a shell and its two sleeps, in a session of their own
setsid sh -c 'sleep 30 & a=$!; sleep 30 & echo "$a $!" > "$1"; wait' group "$W/group.pids" & leader=$!
for _ in $(seq 10000); do [ -s "$W/group.pids" ] && break; done
for member in $(cat "$W/group.pids"); do
  for _ in $(seq 10000); do [ "$(cat /proc/$member/comm 2>/dev/null)" = sleep ] && break; done
done
echo "killed-group=$leader"
kill -TERM -- -$leader || fail "group kill"; wait $leader 2>/dev/null
python3 - <<'EOF' || fail "time/socket/listen/connect"
import ctypes, os, socket
libc = ctypes.CDLL(None, use_errno=True)
# adjtimex with modes = 0: reads the clock, changes nothing
timex = ctypes.create_string_buffer(512)
assert libc.syscall(159, timex) >= 0, ctypes.get_errno()
# a raw socket as most programs open one: Python ors SOCK_CLOEXEC into the type (a1=80003)
socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP).close()
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
s.close()
# a UDP connect: needs no listener
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.connect(("127.0.0.1", 9))
u.close()
EOF
python3 - <<'EOF' || fail bpf
import ctypes, os, platform, struct
libc = ctypes.CDLL(None, use_errno=True)
# BPF_PROG_LOAD of a socket filter that returns 0: the kernel writes a BPF record (op=LOAD) on its own
insns = struct.pack('<BBhi', 0xb7, 0, 0, 0) + struct.pack('<BBhi', 0x95, 0, 0, 0)
code = ctypes.create_string_buffer(insns, len(insns))
license = ctypes.create_string_buffer(b'GPL')
attr = ctypes.create_string_buffer(struct.pack('<IIQQ', 1, 2, ctypes.addressof(code), ctypes.addressof(license)), 128)
fd = libc.syscall({'x86_64': 321, 'aarch64': 280}[platform.machine()], 5, attr, 128)
assert fd >= 0, os.strerror(ctypes.get_errno())
with open(f'/proc/self/fdinfo/{fd}') as info:
    print('bpf-prog-id=' + next(line.split()[1] for line in info if line.startswith('prog_id:')))
os.close(fd)
EOF
# a 32-bit program's socket and listen through socketcall(2); 126: the kernel runs no i386 programs
if [ -n "$SOCKETCALL32" ]; then
  "$SOCKETCALL32" 2>/dev/null; sc=$?
  if [ $sc = 0 ]; then echo socketcall32=done; elif [ $sc != 126 ]; then fail "socketcall32 (exit $sc)"; fi
fi
# dummy interfaces need CONFIG_DUMMY; a veth pair is built in more often
ip link add "$IFACE" type dummy 2>/dev/null || ip link add "$IFACE" type veth peer name "$IFACE"p || fail "ip link add"
ip link set "$IFACE" promisc on || fail promisc
ip link set "$IFACE" promisc off
ip link del "$IFACE"
exit $status
`;

export function makeWorkload(scratch: string, id: string): Workload {
  const auid = 1_000_000 + Math.floor(Math.random() * 1_000_000);
  const watched = path.join(scratch, 'watched');
  const socketcall32 = process.arch === 'x64' ? path.join(scratch, 'socketcall32') : undefined;
  return { auid, marker: `audisp-json-e2e-${id}`, watched, uringFile: path.join(watched, 'uring.txt'), iface: `aje${id.slice(0, 8)}`, socketcall32 };
}

/** Assembles socketcall32.s into `out` (binutils); throws if it cannot. */
function buildSocketcall32(out: string): void {
  const source = path.join(repoRoot(), 'test', 'e2e', 'support', 'socketcall32.s');
  for (const [tool, args] of [['as', ['--32', '-o', `${out}.o`, source]], ['ld', ['-m', 'elf_i386', '-o', out, `${out}.o`]]] as const) {
    const r = spawnSync(tool, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${r.error?.message ?? r.stderr}`);
  }
}

/** Runs the workload in its own login session; returns its exit status and output. */
export function runWorkload(scratch: string, w: Workload, marker = w.marker): { status: number | null; output: string } {
  const script = path.join(scratch, 'workload.sh');
  writeFileSync(script, SCRIPT, { mode: 0o700 });
  if (w.socketcall32 !== undefined && !existsSync(w.socketcall32)) buildSocketcall32(w.socketcall32);
  const r = spawnSync(
    '/bin/bash',
    ['-c', 'echo "$1" > /proc/self/loginuid && shift && exec /bin/bash "$@"', 'session', String(w.auid), script, w.watched, marker, w.iface, process.execPath, w.socketcall32 ?? ''],
    { encoding: 'utf8', env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C', HOME: '/root' }, cwd: scratch },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Only an exec, in the same session: to see that the plugin still delivers after a SIGHUP. */
export function runExecOnly(scratch: string, w: Workload, marker: string): number | null {
  return spawnSync('/bin/bash', ['-c', 'echo "$1" > /proc/self/loginuid && exec /bin/echo "$2"', 'session', String(w.auid), marker], { stdio: 'ignore' }).status;
}
