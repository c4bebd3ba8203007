import { GraphQLError } from 'graphql';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { createSharedFrames } from '../../src/server/shared-frames.js';

/** What graphql-ws sends for a next message whose payload onNext returned. */
const encodedByGraphqlWs = (id: string, payload: unknown) =>
  stringifyMessage({ id, type: MessageType.Next, payload } as never);

describe('shared next frames', () => {
  it('encode a result handed to many subscriptions once, each message as graphql-ws would have sent it', () => {
    const frames = createSharedFrames();
    let encodings = 0;
    const activities = {
      toJSON: () => {
        encodings += 1;
        return [{ id: '1' }, { id: '2' }];
      },
    };
    const result = { data: { activityBatches: { lastId: '2', activities } } };
    const sockets = [{}, {}, {}];
    const sent = sockets.map((socket, index) => {
      const id = `op-${index}`;
      const standIn = frames.onNext(socket, id, result as never);
      return frames.frame(socket, encodedByGraphqlWs(id, standIn));
    });
    expect(encodings).toBe(1);
    const fragments = sent.map((message) => {
      if (!Array.isArray(message)) throw new Error('expected the fragments of a shared message');
      return message;
    });
    // Every socket is written the same bytes of the payload, not a copy of its own.
    expect(new Set(fragments.map((message) => message[1])).size).toBe(1);
    expect(fragments.map((message) => JSON.parse(Buffer.concat(message).toString()))).toEqual(
      sockets.map((_socket, index) => ({
        id: `op-${index}`,
        type: 'next',
        payload: { data: { activityBatches: { lastId: '2', activities: [{ id: '1' }, { id: '2' }] } } },
      })),
    );
  });

  it('leave results with errors, and every other frame, to graphql-ws', () => {
    const frames = createSharedFrames();
    const socket = {};
    expect(frames.onNext(socket, 'a', { errors: [new GraphQLError('no')] })).toBeUndefined();
    const other = encodedByGraphqlWs('a', { data: { x: 1 } });
    expect(frames.frame(socket, other)).toBe(other);
    // A stand-in of another socket's operation is not this socket's to fill.
    const standIn = encodedByGraphqlWs('b', frames.onNext({}, 'b', { data: { x: 2 } }));
    expect(frames.frame(socket, standIn)).toBe(standIn);
  });
});
