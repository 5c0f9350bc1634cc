// Paging for lists that page in SQL ({rows, total, offset} from the Rust side): a page is fetched with
// `limit`/`offset` in the view's query, and the pager under the list moves between pages.
import { t } from '../i18n.js';
import { h } from '../dom.js';

/** Fetches the page `query` asks for; past the end (after a trash or a filter) the last page instead. */
export async function fetchPage(fetch, query) {
  let page = await fetch(query);
  if (!page.rows.length && query.offset > 0) {
    query.offset = Math.max(0, Math.floor((page.total - 1) / query.limit) * query.limit);
    page = await fetch(query);
  }
  return page;
}

/** "1–100 of 342" between Previous and Next; just `fits` (a line of text, or nothing) on a single page. */
export function pager(page, query, go, testid, fits = null) {
  const size = query.limit;
  if (page.total <= size && page.offset === 0) return fits === null ? null : h('p', { class: 'muted', testid }, fits);
  const { offset, total } = page;
  return h('div', { class: 'toolbar', testid },
    h('button', { class: 'btn small', testid: `${testid}-prev`, disabled: offset === 0, onclick: () => go(Math.max(0, offset - size)) }, t('page_prev')),
    h('span', { class: 'muted' }, t('page_of', { from: Math.min(total, offset + 1), to: Math.min(total, offset + page.rows.length), n: total })),
    h('button', { class: 'btn small', testid: `${testid}-next`, disabled: offset + size >= total, onclick: () => go(offset + size) }, t('page_next')));
}
