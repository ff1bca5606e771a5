import { execFile, spawn, type ChildProcess } from 'node:child_process';

/** One record read back from the cluster by kcat. */
export interface KafkaRecordRead {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string;
  readonly headers: Record<string, string>;
}

const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;
const live = new Set<ChildProcess>();
process.once('exit', () => { for (const child of live) child.kill('SIGKILL'); });

/**
 * librdkafka's mock cluster, hosted by a kcat producer whose stdin we keep open (closing it stops
 * the cluster). Its brokers listen on 127.0.0.1 at ports it picks; topics are auto-created with 4
 * partitions. pause()/resume() freeze the whole cluster (SIGSTOP/SIGCONT): same ports, same data.
 */
export class KafkaMockCluster {
  private constructor(
    private readonly child: ChildProcess,
    readonly bootstrap: string,
    private readonly exited: Promise<void>,
  ) {}

  get brokers(): string[] { return this.bootstrap.split(','); }

  static async start(brokers = 3): Promise<KafkaMockCluster> {
    const child = spawn('kcat', ['-P', '-b', '127.0.0.1:1', '-t', '__keepalive', '-X', `test.mock.num.brokers=${brokers}`], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    live.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => { live.delete(child); resolve(); }));
    let stderr = '';
    const bootstrap = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kcat mock cluster did not start: ${stderr}`)), START_TIMEOUT_MS);
      child.once('error', (error) => { clearTimeout(timer); reject(error); });
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // "... Mock cluster enabled: original bootstrap.servers and security.protocol ignored and replaced with 127.0.0.1:P1,..."
        const match = /replaced with (\S+)/.exec(stderr);
        if (match) { clearTimeout(timer); resolve(match[1]); }
      });
    });
    child.stderr!.resume();
    return new KafkaMockCluster(child, bootstrap, exited);
  }

  pause(): void { this.child.kill('SIGSTOP'); }
  resume(): void { this.child.kill('SIGCONT'); }

  /** Closes kcat's stdin (which stops the cluster); SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.resume();
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Everything in `topic`, in partition/offset order, read by a kcat consumer (`-e`: stop at the end). */
  read(topic: string): Promise<KafkaRecordRead[]> {
    return readTopic(this.bootstrap, topic);
  }
}

export function readTopic(bootstrap: string, topic: string): Promise<KafkaRecordRead[]> {
  return new Promise((resolve, reject) => {
    execFile('kcat', ['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-J'],
      { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) { reject(new Error(`kcat -C failed: ${error.message} ${stderr}`)); return; }
        const records = stdout.split('\n').filter((line) => line.startsWith('{')).map(parseKcatJson);
        records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
        resolve(records);
      });
  });
}

function parseKcatJson(line: string): KafkaRecordRead {
  const raw = JSON.parse(line) as {
    topic: string; partition: number; offset: number; key: string | null; payload: string; headers?: string[];
  };
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < (raw.headers?.length ?? 0); i += 2) headers[raw.headers![i]] = raw.headers![i + 1];
  return { topic: raw.topic, partition: raw.partition, offset: raw.offset, key: raw.key, value: raw.payload, headers };
}
