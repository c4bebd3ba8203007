import type { ExecutionResult } from 'graphql';

/** The payload graphql-ws is handed in place of a result encoded here. */
const STAND_IN_KEY = '\u0000encoded';
/** How a next frame carrying the stand-in ends, as graphql-ws encodes it (id, type, payload). */
const STAND_IN_END = `,"type":"next","payload":${JSON.stringify({ [STAND_IN_KEY]: true })}}`;
const FRAME_END = Buffer.from('}');

/**
 * Next frames whose payload is encoded once for every subscription handed the same result object:
 * subscriptions alike share one execution of each event (useSharedSubscriptionExecution), and a
 * batch of thousands of activities then costs one JSON encoding instead of one per subscriber.
 * graphql-ws encodes every frame itself: `onNext` encodes the result (once per result object) and
 * hands graphql-ws a stand-in payload, and `frame`, on the frame graphql-ws then sends, puts the
 * encoded result in the stand-in's place. A result with errors is left to graphql-ws, which encodes
 * its errors its own way.
 *
 * The encoded result is kept as UTF-8 bytes and each frame is built as bytes around them: a frame
 * built as a string would be one more copy of the payload in the JavaScript heap per subscriber,
 * and one more UTF-8 encoding of it when ws writes it.
 */
export function createSharedFrames() {
  const encoded = new WeakMap<object, Buffer>();
  /** Per socket, per operation id: the encoded result its next frame carries. */
  const waiting = new WeakMap<object, Map<string, Buffer>>();

  return {
    onNext(socket: object, id: string, result: ExecutionResult): Record<string, true> | undefined {
      if (typeof result !== 'object' || result === null || result.errors) return undefined;
      let payload = encoded.get(result);
      if (payload === undefined) {
        payload = Buffer.from(JSON.stringify(result));
        encoded.set(result, payload);
      }
      let frames = waiting.get(socket);
      if (!frames) {
        frames = new Map();
        waiting.set(socket, frames);
      }
      frames.set(id, payload);
      return { [STAND_IN_KEY]: true };
    },

    /**
     * The frame to send for the one graphql-ws encoded: that frame itself, or the bytes of a text
     * frame carrying the encoded result.
     */
    frame(socket: object, data: string): string | Buffer {
      if (!data.endsWith(STAND_IN_END)) return data;
      const { id } = JSON.parse(data) as { id: string };
      const frames = waiting.get(socket);
      const payload = frames?.get(id);
      if (payload === undefined) return data;
      frames?.delete(id);
      const start = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
      return Buffer.concat([start, payload, FRAME_END], start.length + payload.length + FRAME_END.length);
    },
  };
}
