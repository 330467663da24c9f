import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { EnvelopeFit, EnvelopeFitOptions, FitRowInput } from '@tremplin/domain/solver';
import type { YearCents } from '@tremplin/domain';

export interface EnvelopeFitRequest {
  id: number;
  rows: FitRowInput[];
  allocations: YearCents[];
  options: EnvelopeFitOptions;
}

export type EnvelopeFitReply = { id: number; fit: EnvelopeFit; error?: undefined } | { id: number; error: string; fit?: undefined };

/**
 * Where the worker's code is: the build emits `envelope-fit.worker.js` beside `main.js` (a webpack
 * entry of its own); from the sources (integration tests), the worker compiles its TypeScript itself.
 */
export function envelopeFitWorkerScript(dir: string = __dirname): { file: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  const built = join(dir, 'envelope-fit.worker.js');
  if (existsSync(built)) return { file: built, execArgv: [], env: process.env };
  return {
    file: join(dir, 'envelope-fit.worker.ts'),
    execArgv: ['--require', 'ts-node/register/transpile-only', '--require', 'tsconfig-paths/register'],
    // tsconfig-paths resolves `@tremplin/*` from the workspace root (tsconfig.base.json has no baseUrl).
    env: { ...process.env, TS_NODE_PROJECT: join(dir, '..', '..', 'tsconfig.app.json'), TS_NODE_BASEURL: join(dir, '..', '..', '..', '..') },
  };
}

/**
 * Runs `fitEnvelope` (libs/domain, HiGHS) in a worker thread so that the API keeps serving other
 * requests during the solve. Same inputs, same function, same result as in the main thread.
 */
@Injectable()
export class EnvelopeFitRunner implements OnModuleDestroy {
  private readonly logger = new Logger(EnvelopeFitRunner.name);
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (fit: EnvelopeFit) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  fit(rows: FitRowInput[], allocations: YearCents[], options: EnvelopeFitOptions): Promise<EnvelopeFit> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<EnvelopeFit>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, rows, allocations, options } satisfies EnvelopeFitRequest);
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const script = envelopeFitWorkerScript();
    const worker = new Worker(script.file, { execArgv: script.execArgv, env: script.env });
    // An idle worker must not keep the process alive (the HTTP server does while requests are pending).
    worker.unref();
    worker.on('message', (reply: EnvelopeFitReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.fit) waiting.resolve(reply.fit);
      else waiting.reject(new Error(`Envelope fit failed: ${reply.error}`));
    });
    // A crashed worker fails what it held; the next fit starts a new one.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => {
      this.logger.error(`Envelope fit worker failed: ${error.message}`);
      fail(error);
    });
    worker.on('exit', (code) => fail(new Error(`Envelope fit worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
