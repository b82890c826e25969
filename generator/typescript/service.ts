/**
 * The TypeScript service: openapi-typescript's model types, and checking and formatting emitted .ts
 * files (see format.ts), for any target that submits them. It runs on a worker thread when specloom
 * runs from its build: the worker loads the TypeScript compiler and openapi-typescript while this
 * thread loads, validates and plans, makes the model types while this thread renders the templates,
 * and formats while this thread renders other targets. This thread never loads TypeScript. The job
 * protocol between the threads is this module's own.
 *
 * Results are the same as running the jobs here, in the same order: a job's outcome (value or
 * error, and anything it wrote to stdout/stderr) is only surfaced when its submitter asks for it, in
 * the order it asks. From source (the tests run generator/*.ts) there is no built worker file, so the
 * jobs run on this thread, each when its result is asked for.
 */
import module from 'node:module';
import { Worker, isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { SpecloomError, type SourceLocation } from '../errors.js';
import type { LoadedSpec } from '../load/load.js';
import type { LintProblem } from '../validate/validate.js';
import type { TsFile } from './format.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface TypeSchema {
  key: string;
  schema: unknown;
}

export type Job =
  /** openapi-typescript's types for the schemas, then `header` + them as `file`, checked (and printed). */
  | { kind: 'schema'; openapi: string; typeSchemas: TypeSchema[]; header: string; file: Omit<TsFile, 'text'>; print: boolean }
  /** checkAndPrint */
  | { kind: 'print'; files: TsFile[] }
  /** checkSyntax */
  | { kind: 'check'; files: TsFile[] }
  /** The spec's lint (validate.ts lintProblems), on its text parsed again where it runs, or on `document` (a merged provider's). */
  | { kind: 'lint'; file: string; absolutePath: string; text: string; document?: Record<string, unknown> };

/**
 * What each job yields. A schema job has two outcomes: openapi-typescript's run (failing first, as
 * it did when it ran before any file was checked) and the printed file (whose syntax error comes
 * after those of the files printed before it).
 */
export interface JobValue {
  schema: Outcome<string>;
  print: Map<string, string>;
  check: undefined;
  lint: LintProblem[];
}

export interface JobHandle<K extends Job['kind']> {
  /** Runs (or waits for) the job; throws its error. Output it wrote is written out first. */
  result(): Promise<JobValue[K]>;
}

interface TypeScriptJobs {
  submit<K extends Job['kind']>(job: Extract<Job, { kind: K }>): JobHandle<K>;
  /** Files to format and throw away while waiting for the first job: see startTypeScriptService. */
  warmUp(files: TsFile[]): void;
}

/**
 * What targets submit TypeScript to. Each call returns at once; the work runs on the worker thread (in
 * submission order) while the caller renders, and `result()` waits for it.
 */
export interface TypeScriptService {
  /** openapi-typescript's types for the schemas, as `header` + them in `file`: formatted when `print`, else checked. */
  modelTypes(job: Omit<Extract<Job, { kind: 'schema' }>, 'kind'>): JobHandle<'schema'>;
  /** Parses every file (a syntax error fails, naming the file's origin) and returns them formatted, by path. */
  format(files: TsFile[]): JobHandle<'print'>;
  /** Parses every file, failing on the first syntax error; formats nothing (files kept as written). */
  check(files: TsFile[]): JobHandle<'check'>;
}

const WORKER_FLAG = 'specloomTypeScriptWorker';

interface Reply {
  id: number;
  outcome: Outcome<unknown>;
  output: { fd: 1 | 2; text: string }[];
}

let shared: TypeScriptJobs | undefined;
const usesWorker = import.meta.url.endsWith('.js');

/**
 * Starts the service now (so its worker loads TypeScript while the caller does other work), if it can
 * run one, and returns it. `warmUp`: TypeScript files it parses while it waits for its first job. The
 * parser's first pass over code is several times slower than later ones (V8 compiles it as it runs); that
 * pass then falls in time the worker would spend idle, not in a real job. One service serves the whole
 * process.
 */
export function startTypeScriptService(warmUp: TsFile[] = []): TypeScriptService {
  const first = shared === undefined;
  const jobs = typeScriptJobs();
  if (first && warmUp.length > 0) jobs.warmUp(warmUp);
  return {
    modelTypes: (job) => jobs.submit({ kind: 'schema', ...job }),
    format: (files) => jobs.submit({ kind: 'print', files }),
    check: (files) => jobs.submit({ kind: 'check', files }),
  };
}

/**
 * The spec's lint on the worker thread, behind the jobs submitted before it. Worth it where the worker would
 * otherwise idle: in a warm process, whose unchanged TypeScript it does not parse again, and in a run with no
 * TypeScript to check (see pipeline.ts). A StackQL provider's merged document goes over as it is (its text is
 * provider.yaml's); the worker gets its own copy of it.
 */
export function lintOnWorker(spec: LoadedSpec): JobHandle<'lint'> {
  const job: Extract<Job, { kind: 'lint' }> = { kind: 'lint', file: spec.file, absolutePath: spec.absolutePath, text: spec.text };
  if (spec.services !== undefined) job.document = usesWorker ? spec.document : structuredClone(spec.document);
  return typeScriptJobs().submit(job);
}

/** The jobs runner: the worker thread when running from the build, else this thread. */
function typeScriptJobs(): TypeScriptJobs {
  return (shared ??= usesWorker ? workerJobs(new URL(import.meta.url)) : inThreadJobs());
}

/** The last model types made, by their inputs. */
let lastModelTypes: { key: string; outcome: Outcome<string> } | undefined;

async function runJob(job: Job): Promise<unknown> {
  switch (job.kind) {
    case 'schema': {
      const [{ schemaTypes }, { checkAndReindentPrinted, checkSyntax }] = await Promise.all([import('./schema-types.js'), import('./format.js')]);
      // A warm process asks again for the same schemas' types after most edits (an operation's text, a page).
      // Keyed before openapi-typescript runs: it patches the schemas in place. (About 1 ms on the full Linode spec.)
      const key = JSON.stringify([job.openapi, job.typeSchemas, job.header, job.file.path, job.print]);
      if (lastModelTypes?.key === key) return lastModelTypes.outcome;
      const types = schemaTypes(job.openapi, job.typeSchemas);
      const file: TsFile = { ...job.file, text: job.header + types };
      const outcome = settle(() => (job.print ? checkAndReindentPrinted(file) : (checkSyntax([file]), file.text)));
      lastModelTypes = { key, outcome };
      return outcome;
    }
    case 'print':
      return (await import('./format.js')).checkAndPrint(job.files);
    case 'check':
      (await import('./format.js')).checkSyntax(job.files);
      return undefined;
    case 'lint': {
      const [{ parseSpecText }, { lintProblems }] = await Promise.all([import('../load/load.js'), import('../validate/validate.js')]);
      return lintProblems(job.absolutePath, job.text, job.document ?? parseSpecText(job.text, job.file, job.absolutePath).document);
    }
  }
}

function settle<T>(run: () => T): Outcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Runs each job when its result is first asked for, as emit did before there was a worker. */
function inThreadJobs(): TypeScriptJobs {
  return {
    submit(job) {
      let running: Promise<never> | undefined;
      return { result: () => (running ??= runJob(job) as Promise<never>) };
    },
    // On this thread a warm-up would only delay the jobs.
    warmUp() {},
  };
}

function workerJobs(url: URL): TypeScriptJobs {
  const worker = new Worker(fileURLToPath(url), { workerData: { [WORKER_FLAG]: true } });
  const waiting = new Map<number, (reply: Reply) => void>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const [id, resolve] of waiting) resolve({ id, outcome: { ok: false, error: failure }, output: [] });
    waiting.clear();
    worker.unref();
  };
  worker.on('message', (reply: Reply) => {
    const resolve = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    resolve?.(reply);
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`the TypeScript worker stopped (exit code ${code})`)));
  // An idle worker must not keep the process alive; one with work pending must. (After the
  // listeners: adding a 'message' listener refs it again.)
  worker.unref();

  return {
    submit(job) {
      const id = nextId++;
      const reply = new Promise<Reply>((resolve) => {
        if (failure) return resolve({ id, outcome: { ok: false, error: failure }, output: [] });
        if (waiting.size === 0) worker.ref();
        waiting.set(id, resolve);
        worker.postMessage({ id, job } satisfies Message);
      });
      let result: Promise<never> | undefined;
      return {
        result: () =>
          (result ??= reply.then(({ outcome, output }) => {
            for (const { fd, text } of output) (fd === 1 ? process.stdout : process.stderr).write(text);
            if (!outcome.ok) throw revive(outcome.error);
            if (job.kind !== 'schema') return outcome.value as never;
            // A schema job's file outcome may carry an error made on the worker, too.
            const file = outcome.value as Outcome<string>;
            return (file.ok ? file : { ok: false, error: revive(file.error) }) as never;
          })),
      };
    },
    warmUp(files) {
      // No reply: nothing waits for it, and it does not keep the process alive.
      if (!failure) worker.postMessage({ warmUp: files } satisfies Message);
    },
  };
}

/** What the worker is sent: a job to run and answer, or files to warm up on. */
type Message = { id: number; job: Job } | { warmUp: TsFile[] };

// ---- The worker side. ----

interface SentError {
  name: string;
  message: string;
  stack?: string;
  location?: SourceLocation;
  hint?: string;
  specloom: boolean;
}

function serialize(error: unknown): SentError {
  if (error instanceof SpecloomError) return { name: error.name, message: error.message, stack: error.stack, location: error.location, hint: error.hint, specloom: true };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack, specloom: false };
  return { name: 'Error', message: String(error), specloom: false };
}

function revive(sent: unknown): Error {
  if (sent instanceof Error) return sent;
  const e = sent as SentError;
  if (e.specloom) return Object.assign(new SpecloomError(e.message, e.location, e.hint), e.stack !== undefined ? { stack: e.stack } : {});
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}

function serve(port: MessagePort): void {
  // The worker loads the compiler itself: its compiled code comes from Node's compile cache (22.1+) too.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  // Load both now: that is what the worker is for.
  const loaded = Promise.all([import('./schema-types.js'), import('./format.js')]);
  loaded.catch(() => {}); // a failed load fails each job, with its error
  let output: Reply['output'] = [];
  for (const fd of [1, 2] as const) {
    const stream = fd === 1 ? process.stdout : process.stderr;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output.push({ fd, text: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString() });
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof stream.write;
  }
  let queue: Promise<unknown> = Promise.resolve();
  let realJobs = 0;
  port.on('message', (message: Message) => {
    if ('warmUp' in message) {
      // It gives way as soon as a real job comes.
      queue = queue.then(() => loaded.then(([, typescript]) => warmUp(typescript.checkSyntax, message.warmUp, () => realJobs > 0))).catch(() => {});
      return;
    }
    const { id, job } = message;
    realJobs++;
    queue = queue.then(async () => {
      output = [];
      let outcome: Outcome<unknown>;
      try {
        await loaded;
        const value = await runJob(job);
        outcome = { ok: true, value: job.kind === 'schema' ? sendable(value as Outcome<string>) : value };
      } catch (error) {
        outcome = { ok: false, error: serialize(error) };
      }
      port.postMessage({ id, outcome, output } satisfies Reply);
    });
  });
}

/** Parses the files one at a time, until `stop()` says a real job came. */
async function warmUp(print: (files: TsFile[]) => unknown, files: TsFile[], stop: () => boolean): Promise<void> {
  for (const file of files) {
    // Let messages in, so a job that came meanwhile is seen.
    await new Promise((resolve) => setImmediate(resolve));
    if (stop()) return;
    try {
      print([file]);
    } catch {
      // a file that does not parse fails later, in its own job
    }
  }
}

function sendable(outcome: Outcome<string>): Outcome<string> {
  return outcome.ok ? outcome : { ok: false, error: serialize(outcome.error) };
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true && parentPort) serve(parentPort);
