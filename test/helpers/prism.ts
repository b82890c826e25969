/**
 * A real OpenAPI mock server (Stoplight Prism) started from a spec on 127.0.0.1, with request
 * validation on: a request that breaks the spec gets an error answer, so the client call throws.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT } from './pipeline.js';

export interface MockServer {
  baseUrl: string;
  log: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrism(spec: string, timeoutMs = 30_000): Promise<MockServer> {
  const port = await freePort();
  const cli = path.join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js');
  const child: ChildProcess = spawn(process.execPath, [cli, 'mock', '-h', '127.0.0.1', '-p', String(port), spec], {
    cwd: ROOT,
    // Prism's telemetry dependency stays quiet and offline.
    env: { ...process.env, SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = () => {
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}):\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
