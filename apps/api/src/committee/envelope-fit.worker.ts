// The envelope fit's solve, off the API's event loop (issue #7 leftovers): HiGHS runs synchronously for
// up to its time limit, during which the main thread would answer nothing. One long-lived worker keeps
// the solver compiled; requests queue in it (one solve at a time, as the main thread did before).
import { parentPort } from 'node:worker_threads';
import { fitEnvelope } from '@tremplin/domain/solver';
import type { EnvelopeFitReply, EnvelopeFitRequest } from './envelope-fit-runner';

parentPort?.on('message', (request: EnvelopeFitRequest) => {
  fitEnvelope(request.rows, request.allocations, request.options).then(
    (fit) => parentPort?.postMessage({ id: request.id, fit } satisfies EnvelopeFitReply),
    (error: unknown) => parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies EnvelopeFitReply),
  );
});
