/**
 * A config that lists several jobs (`defineConfig([{ spec, out, targets }, ...])`, as orval and hey-api allow):
 * they run in this process, as many at once as there are cores, each on a worker thread of its own that loads
 * the pipeline once and takes the next job when it is done. Each job has its own output folder, manifest,
 * warnings and errors: a bad spec fails its job, with its name, and the others run on. Each job's output is
 * printed whole, in the config's order. The exit code is the worst of the jobs' (2 bad input, 1 drift).
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { SpecloomError } from '../errors.js';
import { generateOnce, reportError, terminal, type GenerateFlags, type Job, type Output } from './generate.js';

const WORKER_FLAG = 'specloomJobs';

interface JobRequest {
  job: Job;
}

interface JobReply {
  index: number;
  code: number;
  printed: { fd: 1 | 2; text: string }[];
}

/** A job's name in messages: its `name`, else its spec. */
function jobName(entry: unknown, index: number): string {
  const record = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
  const name = record['name'] ?? record['spec'];
  return typeof name === 'string' && name !== '' ? name : `job ${index + 1}`;
}

/** Output kept until the job ends. */
function buffered(): Output & { printed: JobReply['printed'] } {
  const printed: JobReply['printed'] = [];
  return { printed, out: (text) => printed.push({ fd: 1, text }), err: (text) => printed.push({ fd: 2, text }) };
}

export async function runJobs(entries: unknown[], configFile: string, flags: GenerateFlags, cwd: string): Promise<number> {
  const refuse = (message: string, hint: string) => reportError(new SpecloomError(message, { file: configFile }, hint), false, terminal);
  if (entries.length === 0) return refuse('the config lists no jobs', 'Export one config object, or an array of at least one.');
  if (flags.watch) return refuse(`--watch runs one job, and the config lists ${entries.length}`, 'Watch with a config of one job (--config <file>).');
  if (flags.spec !== undefined || flags.out !== undefined) return refuse(`--spec and --out name one job, and the config lists ${entries.length}`, 'Set spec and out in each job of the config.');
  const jobs = entries.map((entry, index) => ({ index, name: jobName(entry, index) }));
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) job.name = `${job.name} (job ${job.index + 1})`;
    names.add(job.name);
  }
  const threads = Math.min(os.availableParallelism(), jobs.length);
  const replies: (JobReply | undefined)[] = jobs.map(() => undefined);
  let printedUpTo = 0;
  // Each job's output whole, in the config's order, as soon as it and every job before it are done.
  const printReady = () => {
    while (printedUpTo < replies.length && replies[printedUpTo] !== undefined) {
      for (const { fd, text } of replies[printedUpTo]!.printed) (fd === 1 ? terminal.out : terminal.err)(text);
      printedUpTo++;
    }
  };
  const started = performance.now();
  await runOnThreads(jobs, flags, cwd, threads, (reply) => {
    replies[reply.index] = reply;
    printReady();
  });
  const codes = replies.map((r) => r?.code ?? 2);
  const failed = codes.filter((c) => c === 2).length;
  if (!flags.quiet || failed > 0) {
    const ms = Math.round(performance.now() - started);
    terminal.out(`specloom: ${jobs.length} jobs, ${jobs.length - failed} done${failed > 0 ? `, ${failed} failed` : ''} (${threads} at a time, ${ms} ms)\n`);
  }
  return codes.includes(2) ? 2 : Math.max(...codes);
}

/** Runs the jobs on `threads` worker threads (on this thread when one is enough), each reply as it comes. */
async function runOnThreads(jobs: Job[], flags: GenerateFlags, cwd: string, threads: number, onReply: (reply: JobReply) => void): Promise<void> {
  const queue = [...jobs];
  // From source (tests run generator/*.ts) there is no built worker file: the jobs run here, one at a time.
  if (threads <= 1 || !import.meta.url.endsWith('.js')) {
    for (const job of queue) onReply(await runJob(job, flags, cwd));
    return;
  }
  const spawnWorker = () => new Worker(fileURLToPath(import.meta.url), { workerData: { [WORKER_FLAG]: { flags, cwd } } });
  await Promise.all(
    Array.from({ length: threads }, async () => {
      let worker = spawnWorker();
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
        const reply = await askWorker(worker, job, flags);
        // A thread that died (out of memory) fails its job only: the next job gets a new one.
        if (reply.died) {
          await worker.terminate();
          worker = spawnWorker();
        }
        onReply(reply);
      }
      await worker.terminate();
    }),
  );
}

function askWorker(worker: Worker, job: Job, flags: GenerateFlags): Promise<JobReply & { died?: boolean }> {
  return new Promise((resolve) => {
    const onError = (error: unknown) => {
      worker.off('message', onMessage);
      const output = buffered();
      resolve({ index: job.index, code: reportError(error, flags.debug === true, output, `specloom: ${job.name}:`), printed: output.printed, died: true });
    };
    const onMessage = (reply: JobReply) => {
      worker.off('error', onError);
      resolve(reply);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage({ job } satisfies JobRequest);
  });
}

async function runJob(job: Job, flags: GenerateFlags, cwd: string): Promise<JobReply> {
  const output = buffered();
  const code = await generateOnce(flags, cwd, output, { job });
  return { index: job.index, code, printed: output.printed };
}

// The worker side: one job at a time, as the main thread sends them.
if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] !== undefined) {
  const { flags, cwd } = (workerData as Record<string, { flags: GenerateFlags; cwd: string }>)[WORKER_FLAG]!;
  const port = parentPort;
  port.on('message', (request: JobRequest) => {
    void runJob(request.job, flags, cwd).then((reply) => port.postMessage(reply));
  });
}
