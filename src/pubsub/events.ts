import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSubEventTarget, SlidingBuffer } from 'graphql-yoga';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Activities were committed in a workspace, up to this id. A notification only: it carries no
 * rows, and losing one loses nothing (readers poll the activity table as well).
 */
export interface ActivitiesCommitted {
  workspaceId: string;
  lastActivityId: string;
}

/** A run's status or counters changed (and that change is committed). */
export interface RunUpdated {
  workspaceId: string;
  runId: string;
}

/**
 * An API key was revoked (and that is committed): every server ends the streams and sockets the
 * key holds open. Servers also check their keys in the database, so a lost one only delays that.
 */
export interface ApiKeyRevoked {
  workspaceId: string;
  apiKeyId: string;
}

/** Every topic and its payload: plain JSON, never entities. */
export interface Topics {
  activitiesCommitted: ActivitiesCommitted;
  runUpdated: RunUpdated;
  apiKeyRevoked: ApiKeyRevoked;
}
export type Topic = keyof Topics;

/** What writers need: publish after commit. Never throws, never waits. */
export interface EventPublisher {
  publish<K extends Topic>(topic: K, payload: Topics[K]): void;
}

/** The process's side of the event bus: in-process, or Redis pub/sub shared by every replica. */
export interface EventBus extends EventPublisher {
  /** Events of one topic until the iterator is returned. Redis pub/sub is at-most-once. */
  subscribe<K extends Topic>(topic: K): AsyncIterableIterator<Topics[K]>;
  /** Whether events cross processes (Redis) or stay in this one. */
  readonly distributed: boolean;
  close(): Promise<void>;
}

/** The Redis server did not answer when the bus was created: its message is safe to print. */
export class EventBusUnavailableError extends Error {
  override name = 'EventBusUnavailableError';
}

/** Topics are keyed by a namespace (the database's name), so replicas of one database meet. */
type KeyedTopics = { [K in Topic]: [namespace: string, payload: Topics[K]] };

export interface EventBusOptions {
  /** `redis://…`: events reach every process subscribed to the same Redis and namespace. */
  redisUrl?: string | undefined;
  /** Replicas and workers of one database share it; another database's events never mix in. */
  namespace: string;
  /** Told about publish or connection failures; they never reach the caller. */
  onError?: (error: unknown) => void;
  /** How long creation waits for Redis to answer. */
  connectTimeoutMs?: number;
}

const TOPICS: Topic[] = ['activitiesCommitted', 'runUpdated', 'apiKeyRevoked'];

/** A notification a slow reader has not taken yet is replaced by newer ones rather than queued. */
const PENDING_PER_SUBSCRIPTION = 256;

async function connectRedis(options: EventBusOptions & { redisUrl: string }) {
  const onError = options.onError ?? (() => {});
  const timeout = options.connectTimeoutMs ?? 5_000;
  const common: RedisOptions = { lazyConnect: true, connectTimeout: timeout, maxRetriesPerRequest: 2 };
  const publishClient = new Redis(options.redisUrl, common);
  // The subscriber retries forever: ioredis subscribes again by itself after a reconnection.
  const subscribeClient = new Redis(options.redisUrl, { ...common, maxRetriesPerRequest: null });
  const clients = [publishClient, subscribeClient];
  for (const client of clients) client.on('error', onError);
  const disconnect = () => {
    for (const client of clients) client.disconnect();
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all(clients.map((client) => client.connect())),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), timeout);
      }),
    ]);
    // Subscribed before anything is published: the first events of a fresh process are not lost
    // while the event target's own (unawaited) subscribe is still on its way.
    await subscribeClient.subscribe(...TOPICS.map((topic) => `${topic}:${options.namespace}`));
  } catch {
    disconnect();
    throw new EventBusUnavailableError(`Redis at REDIS_URL does not answer (waited ${timeout} ms)`);
  } finally {
    clearTimeout(timer);
  }
  // The event target ignores the promise `publish` returns: a failure must not become an
  // unhandled rejection, so the target gets a publisher that reports it instead.
  const publisher = {
    publish: (channel: string, message: string) =>
      publishClient.publish(channel, message).catch((error: unknown) => {
        onError(error);
        return 0;
      }),
  } as unknown as Redis;
  const eventTarget = createRedisEventTarget({ publishClient: publisher, subscribeClient });
  return {
    eventTarget: eventTarget as unknown as PubSubEventTarget<KeyedTopics>,
    async close() {
      await Promise.allSettled(clients.map((client) => client.quit()));
      disconnect();
    },
  };
}

/** A bus over a pubsub: the topics keyed by the namespace. */
function busOver(
  eventTarget: PubSubEventTarget<KeyedTopics> | undefined,
  namespace: string,
  onError: (error: unknown) => void,
  closeTarget: () => Promise<void>,
): EventBus {
  const pubsub = createPubSub<KeyedTopics>({
    ...(eventTarget && { eventTarget }),
    repeaterBuffer: new SlidingBuffer(PENDING_PER_SUBSCRIPTION),
  });
  const subscriptions = new Set<AsyncIterableIterator<unknown>>();
  let closed = false;
  return {
    distributed: eventTarget !== undefined,
    publish(topic, payload) {
      if (closed) return;
      try {
        // The keyed form's types do not narrow per topic; the signature above does.
        (pubsub.publish as (topic: Topic, key: string, payload: unknown) => void)(topic, namespace, payload);
      } catch (error) {
        onError(error);
      }
    },
    subscribe<K extends Topic>(topic: K) {
      const repeater = (pubsub.subscribe as (topic: Topic, key: string) => AsyncIterableIterator<Topics[K]>)(
        topic,
        namespace,
      );
      subscriptions.add(repeater);
      // Forgotten once its reader returns it: a bus outlives the hubs and apps that subscribe.
      const end = repeater.return?.bind(repeater);
      repeater.return = (value?: unknown) => {
        subscriptions.delete(repeater);
        return end ? end(value) : Promise.resolve({ done: true as const, value: undefined });
      };
      return repeater;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.return?.()));
      await closeTarget();
    },
  };
}

/** An in-process bus: events reach this process only. */
export function createInProcessEventBus(namespace = 'local'): EventBus {
  return busOver(
    undefined,
    namespace,
    () => {},
    async () => {},
  );
}

/**
 * Creates the event bus: Redis pub/sub when `redisUrl` is given (rejects with
 * EventBusUnavailableError when Redis does not answer), in-process otherwise.
 */
export async function createEventBus(options: EventBusOptions): Promise<EventBus> {
  if (!options.redisUrl) return createInProcessEventBus(options.namespace);
  const redis = await connectRedis({ ...options, redisUrl: options.redisUrl });
  return busOver(redis.eventTarget, options.namespace, options.onError ?? (() => {}), redis.close);
}

/**
 * The namespace of a database's events: its name. The API replicas and workers of one database
 * share it whatever host name each uses to reach it.
 */
export function eventNamespace(databaseUrl: string): string {
  return `campaign-engine:${decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'postgres'}`;
}
