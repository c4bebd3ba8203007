/** A subscription opened while the server stops. */
export class ServerStoppingError extends Error {
  override name = 'ServerStoppingError';
}

/** One more subscription than an owner's quota allows. */
export class SubscriptionLimitError extends Error {
  override name = 'SubscriptionLimitError';
}

/**
 * How many subscriptions each owner (an API key) holds at once on this server, across every
 * connection and transport: graphql-sse opens one request per subscription, and WebSocket clients
 * may open many connections, so a limit per connection alone bounds nothing.
 */
export function createSubscriptionQuota(limit: number) {
  const held = new Map<string, number>();
  return {
    /** Takes a place for the owner or throws SubscriptionLimitError; the release gives it back once. */
    take(owner: string): () => void {
      const count = held.get(owner) ?? 0;
      if (count >= limit) {
        throw new SubscriptionLimitError(`At most ${limit} subscriptions at once for one API key`);
      }
      held.set(owner, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (held.get(owner) ?? 1) - 1;
        if (left === 0) held.delete(owner);
        else held.set(owner, left);
      };
    },
  };
}
