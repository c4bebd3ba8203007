import type { ExecutionResult } from 'graphql';

/** A text message's fragments: the subscription's own beginning, the shared payload, its end. */
export type MessageFragments = readonly [Buffer, Buffer, Buffer];

/** The payload graphql-ws is handed in place of a result encoded here. */
const STAND_IN_KEY = '\u0000encoded';
/** How a next frame carrying the stand-in ends, as graphql-ws encodes it (id, type, payload). */
const STAND_IN_END = `,"type":"next","payload":${JSON.stringify({ [STAND_IN_KEY]: true })}}`;
const MESSAGE_END = Buffer.from('}');

/**
 * Next frames whose payload is encoded once for every subscription handed the same result object:
 * subscriptions alike share one execution of each event (useSharedSubscriptionExecution), and a
 * batch of thousands of activities then costs one JSON encoding instead of one per subscriber.
 * graphql-ws encodes every frame itself: `onNext` encodes the result (once per result object) and
 * hands graphql-ws a stand-in payload, and `frame`, on the frame graphql-ws then sends, puts the
 * encoded result in the stand-in's place. A result with errors is left to graphql-ws, which encodes
 * its errors its own way.
 *
 * The encoded result is kept as UTF-8 bytes, and each message is sent as three fragments (RFC 6455
 * 5.4: one text message to the client): the subscription's own beginning, the shared bytes, the
 * closing brace. The payload is then written to every socket as it is, never copied per subscriber
 * (a frame built as a string, or as one buffer, copied it for each).
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
     * The message to send for the one graphql-ws encoded: that message itself, or the fragments of
     * a text message carrying the encoded result.
     */
    frame(socket: object, data: string): string | MessageFragments {
      if (!data.endsWith(STAND_IN_END)) return data;
      const { id } = JSON.parse(data) as { id: string };
      const frames = waiting.get(socket);
      const payload = frames?.get(id);
      if (payload === undefined) return data;
      frames?.delete(id);
      return [Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`), payload, MESSAGE_END];
    },
  };
}
