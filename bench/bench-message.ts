import type { OutboundMessage } from '../src/sinks/sink';

/** A MozDef message of a realistic size (about 700 bytes, like an execve event). */
export function benchMessage(n: number): OutboundMessage {
  const time = 1764044017 + n / 1000;
  const json = JSON.stringify({
    category: 'execve', summary: `Execve: /usr/bin/cat /etc/passwd ${n}`, severity: 'INFO', hostname: 'web1.example.com',
    processid: 4242, processname: 'audisp-json', timestamp: new Date(time * 1000).toISOString(), tags: ['audisp-json', '0.1.0', 'audit'],
    details: {
      auditserial: String(n), auditkey: 'exec', processname: 'cat', process: '/usr/bin/cat', pid: '31337', ppid: '31000',
      parentprocess: 'bash', uid: '1000', user: 'alice', originaluid: '1000', originaluser: 'alice', gid: '1000', euid: '1000',
      suid: '1000', fsuid: '1000', egid: '1000', sgid: '1000', fsgid: '1000', session: '3', tty: 'pts0', cwd: '/home/alice',
      command: `/usr/bin/cat /etc/passwd ${n}`,
    },
  });
  return { id: `web1:${time.toFixed(3)}:${n}`, category: 'execve', hostname: 'web1.example.com', time, json };
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024); // maxRSS is in KiB
}
