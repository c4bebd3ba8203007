import { describe, expect, it } from 'vitest';
import { Mailbox } from '../../src/streaming/mailbox.js';

describe('mailbox (the buffer of activity streams and run watches)', () => {
  it('refuses an item past its bound without waiting, and hands the others out in order', async () => {
    const mailbox = new Mailbox<number>(2);
    expect([mailbox.push(1), mailbox.push(2), mailbox.push(3)]).toEqual([true, true, false]);
    expect((await mailbox.next()).value).toBe(1);
    expect(mailbox.push(4)).toBe(true);
    expect([(await mailbox.next()).value, (await mailbox.next()).value]).toEqual([2, 4]);
  });

  it('wakes a consumer waiting for the next item', async () => {
    const mailbox = new Mailbox<string>(1);
    const next = mailbox.next();
    mailbox.push('late');
    expect(await next).toEqual({ done: false, value: 'late' });
  });

  it('ended, hands out what waits and a last item beyond the bound, then is done and closes once', async () => {
    let closes = 0;
    const mailbox = new Mailbox<number>(1, () => {
      closes += 1;
    });
    mailbox.push(1);
    mailbox.end({ last: 2 });
    expect(mailbox.push(3)).toBe(false);
    expect(mailbox.open).toBe(false);
    expect([(await mailbox.next()).value, (await mailbox.next()).value]).toEqual([1, 2]);
    expect(closes).toBe(0);
    expect(await mailbox.next()).toEqual({ done: true, value: undefined });
    await mailbox.return();
    expect(closes).toBe(1);
  });

  it('ended with an error, hands out what waits, throws it once, then is done', async () => {
    const mailbox = new Mailbox<number>(1);
    mailbox.push(1);
    mailbox.end({ error: new Error('unreadable') });
    mailbox.end({ last: 2 });
    expect((await mailbox.next()).value).toBe(1);
    await expect(mailbox.next()).rejects.toThrow('unreadable');
    expect((await mailbox.next()).done).toBe(true);
  });

  it('closed, ends a waiting consumer at once and closes once', async () => {
    let closes = 0;
    const mailbox = new Mailbox<number>(5, () => {
      closes += 1;
    });
    const waiting = mailbox.next();
    mailbox.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    mailbox.close();
    await mailbox.return();
    expect(closes).toBe(1);
  });

  it('returned by its consumer, drops what waits, a last item included', async () => {
    const mailbox = new Mailbox<number>(5);
    mailbox.push(1);
    mailbox.end({ last: 2 });
    await mailbox.return();
    expect(await mailbox.next()).toEqual({ done: true, value: undefined });
  });
});
