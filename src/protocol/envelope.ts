/**
 * The envelope every worker protocol (audio, vision, recording) is built on: a `type` that
 * discriminates the message and the `id` of the request it belongs to, echoed by every reply so
 * a client drops an answer to work it has moved past. The heartbeat and the error reply have one
 * shape in all three.
 */
export interface WorkerEnvelope<Type extends string> {
  type: Type;
  id: number;
}

/** Heartbeat from the main thread's supervisor (src/capture/supervised-worker.ts); answered with a pong. */
export type WorkerPingRequest = WorkerEnvelope<'ping'>;

/** The worker is alive: the answer to a ping. */
export type WorkerPongEvent = WorkerEnvelope<'pong'>;

/** Something went wrong with request `id`; `message` is written for the person holding the phone. */
export interface WorkerErrorEvent<Code extends string> extends WorkerEnvelope<'error'> {
  code: Code;
  message: string;
}
