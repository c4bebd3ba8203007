import type { FeedRow } from './activity-stream.js';
import { h, timeOf } from './dom.js';

/** Rows drawn above and below those in view, so that a short scroll shows drawn rows at once. */
export const OVERSCAN = 10;
/** A row's height until one is measured: near enough for the first draw. */
const GUESSED_ROW_PX = 28;

const COLUMNS = 7;

function rowElement(row: FeedRow): HTMLTableRowElement {
  const qualified = row.qualified === null ? '' : row.qualified ? 'TRUE' : 'FALSE';
  return h(
    'tr',
    { 'data-id': row.id },
    h('td', { class: 'wide' }, row.id),
    h('td', {}, timeOf(row.occurredAt)),
    h('td', {}, row.lead),
    h(
      'td',
      {},
      row.child
        ? `${row.parent ?? '?'} → ${row.child}`
        : `${row.type}${row.parent ? ` · ${row.parent}` : ''}`,
    ),
    h('td', { class: qualified ? `q-${qualified.toLowerCase()}` : '' }, qualified),
    h('td', {}, row.reason ?? row.detail ?? ''),
    h('td', { class: 'wide' }, row.depth ?? ''),
  );
}

/** A row standing in for those not drawn, so that the scrollbar spans the whole list. */
function spacer(): HTMLTableRowElement {
  return h('tr', { class: 'spacer', 'aria-hidden': 'true' }, h('td', { colspan: COLUMNS }));
}

export interface FeedList {
  /** The scrolling box holding the table. */
  element: HTMLElement;
  /** Rows kept, newest first: at most the list's limit. */
  readonly size: number;
  /** Puts `rows` (oldest first) at the top and keeps the newest `limit`; draws once. */
  add(rows: FeedRow[]): void;
  clear(): void;
}

/**
 * The feed's table, newest first, keeping the newest `limit` rows but drawing only those in view
 * and OVERSCAN more each way: whatever the rate, a draw makes a few dozen rows, and the browser lays
 * out and paints no more. Screen readers still get one table, told how many rows it has in all
 * (aria-rowcount) and where each drawn row stands (aria-rowindex). Scrolled down, the rows in view
 * stay in view while new ones come in above.
 */
export function feedList(limit: number): FeedList {
  let kept: FeedRow[] = [];
  let rowPx = 0;
  let viewPx = 0;
  /** Where the list is scrolled to, as last drawn or set. */
  let scrollTop = 0;
  let frame = 0;
  const above = spacer();
  const below = spacer();
  const body = h('tbody', {}, above, below);
  const table = h(
    'table',
    { class: 'feed-table', 'aria-label': 'Activities, newest first', 'aria-rowcount': 1 },
    h(
      'thead',
      {},
      h(
        'tr',
        { 'aria-rowindex': 1 },
        h('th', { class: 'wide c-id' }, 'Id'),
        h('th', { class: 'c-time' }, 'Time'),
        h('th', {}, 'Lead'),
        h('th', {}, 'Parent → child'),
        h('th', { class: 'c-qualified' }, 'Qualified'),
        h('th', { class: 'c-reason' }, 'Reason'),
        h('th', { class: 'wide c-depth' }, 'Depth'),
      ),
    ),
    body,
  );
  const scroller = h('div', { class: 'feed-scroll' }, table);

  const setHeight = (row: HTMLTableRowElement, px: number) => {
    row.hidden = px === 0;
    (row.firstElementChild as HTMLElement).style.height = `${px}px`;
  };

  const draw = () => {
    const height = rowPx || GUESSED_ROW_PX;
    const view = viewPx || innerHeight;
    const first = Math.max(0, Math.floor(scrollTop / height) - OVERSCAN);
    const end = Math.min(kept.length, Math.ceil((scrollTop + view) / height) + OVERSCAN);
    const drawn = new Map<string, HTMLTableRowElement>();
    for (const row of body.querySelectorAll<HTMLTableRowElement>('tr[data-id]'))
      drawn.set(row.dataset.id as string, row);
    const rows: HTMLTableRowElement[] = [];
    for (let index = first; index < end; index++) {
      const row = kept[index] as FeedRow;
      const element = drawn.get(row.id) ?? rowElement(row);
      element.setAttribute('aria-rowindex', String(index + 2));
      rows.push(element);
    }
    setHeight(above, first * height);
    setHeight(below, (kept.length - end) * height);
    body.replaceChildren(above, ...rows, below);
    table.setAttribute('aria-rowcount', String(kept.length + 1));
    if (!rowPx && rows[0]) {
      // Measured once, on a drawn row: every row is one line high (CSS), so all share it.
      rowPx = rows[0].getBoundingClientRect().height;
      if (rowPx) draw();
    }
  };

  scroller.addEventListener('scroll', () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      scrollTop = scroller.scrollTop;
      draw();
    });
  });
  new ResizeObserver(() => {
    viewPx = scroller.clientHeight;
    draw();
  }).observe(scroller);

  return {
    element: scroller,
    get size() {
      return kept.length;
    },
    add(rows) {
      if (rows.length === 0) return;
      const fresh = rows.slice(-limit).reverse();
      kept = fresh.length >= limit ? fresh : fresh.concat(kept.slice(0, limit - fresh.length));
      if (scrollTop === 0) {
        draw();
        return;
      }
      scrollTop += fresh.length * (rowPx || GUESSED_ROW_PX);
      draw();
      scroller.scrollTop = scrollTop;
    },
    clear() {
      kept = [];
      scrollTop = 0;
      scroller.scrollTop = 0;
      draw();
    },
  };
}
