import { describe, expectTypeOf, it } from 'vitest';
import type { AudioWorkerErrorEvent, AudioWorkerEvent, AudioWorkerRequest, PingRequest, PongEvent } from './audio-worker-messages.ts';
import type { WorkerEnvelope, WorkerErrorEvent, WorkerPingRequest, WorkerPongEvent } from './envelope.ts';
import type { RecordingErrorEvent, RecordingPingRequest, RecordingPongEvent, RecordingWorkerEvent, RecordingWorkerRequest } from './recording-worker-messages.ts';
import type { VisionPingRequest, VisionPongEvent, VisionWorkerErrorEvent, VisionWorkerEvent, VisionWorkerRequest } from './vision-worker-messages.ts';

/**
 * Type-level checks (run by `tsc -p tsconfig.node.json`, part of `npm test`): every message of
 * the three worker protocols is a WorkerEnvelope, and heartbeat and error replies have the one
 * shared shape, so the supervisor and the clients handle them alike.
 */
describe('the shared worker envelope', () => {
  it('is the base of every request and event of the audio, vision and recording protocols', () => {
    expectTypeOf<AudioWorkerRequest>().toExtend<WorkerEnvelope<string>>();
    expectTypeOf<AudioWorkerEvent>().toExtend<WorkerEnvelope<string>>();
    expectTypeOf<VisionWorkerRequest>().toExtend<WorkerEnvelope<string>>();
    expectTypeOf<VisionWorkerEvent>().toExtend<WorkerEnvelope<string>>();
    expectTypeOf<RecordingWorkerRequest>().toExtend<WorkerEnvelope<string>>();
    expectTypeOf<RecordingWorkerEvent>().toExtend<WorkerEnvelope<string>>();
  });

  it('gives ping, pong and error one shape in all three', () => {
    expectTypeOf<PingRequest>().toEqualTypeOf<WorkerPingRequest>();
    expectTypeOf<VisionPingRequest>().toEqualTypeOf<WorkerPingRequest>();
    expectTypeOf<RecordingPingRequest>().toEqualTypeOf<WorkerPingRequest>();
    expectTypeOf<PongEvent>().toExtend<WorkerPongEvent>();
    expectTypeOf<VisionPongEvent>().toEqualTypeOf<WorkerPongEvent>();
    expectTypeOf<RecordingPongEvent>().toEqualTypeOf<WorkerPongEvent>();
    expectTypeOf<AudioWorkerErrorEvent>().toExtend<WorkerErrorEvent<string>>();
    expectTypeOf<VisionWorkerErrorEvent>().toExtend<WorkerErrorEvent<string>>();
    expectTypeOf<RecordingErrorEvent>().toExtend<WorkerErrorEvent<string>>();
  });
});
