// 支部书架: the catalogue (titles and their copies), lending (lend, renew, return, lost), overdue loans,
// the year's numbers, stocktake (盘点) and import from a spreadsheet with a preview.
import * as api from '../api.js';
import { takeFocus, takeDraft } from '../focus.js';
import { t, lang } from '../i18n.js';
import { pager } from './pager.js';
import { h, filterSelect, rowOpener, clear, fill, openForm, showError, toast } from '../dom.js';
import { confirmAndTrash } from './trash.js';
import { openAttachments } from './attachments.js';
import { today } from '../dates.js';
import { label, options } from '../vocabulary.js';

const PAGE = 100;
const titleQuery = { text: '', category: '', tag: '', available_only: false, offset: 0, limit: PAGE };
const loanQuery = { open_only: true, overdue_only: false, year: null, offset: 0, limit: PAGE };
let tab = 'titles';
let selected = null;
const addDays = (iso, n) => { const d = new Date(`${iso}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
const sep = () => (lang() === 'zh' ? '、' : ', ');
const book = (name) => t('book_name', { name });

export default async function bookshelf(main, { refresh }) {
  const focus = takeFocus('book_title');
  if (focus !== null) { selected = focus; tab = 'titles'; }
  const overview = await api.bookshelfOverview();
  const ctx = { overview, refresh, people: null };
  const body = h('div', { testid: `bookshelf-${tab}`, role: 'tabpanel', id: 'bookshelf-panel', 'aria-labelledby': `tab-${tab}` });
  const names = ['titles', 'loans', 'stocktake'];
  const choose = (name) => { tab = name; refresh(); };
  // Tabs as screen readers know them: one stop for Tab, the arrow keys move between them.
  const tabs = names.map((name, i) => h('button', {
    class: `tab ${name === tab ? 'active' : ''}`, testid: `tab-${name}`, role: 'tab', id: `tab-${name}`,
    'aria-selected': String(name === tab), 'aria-controls': 'bookshelf-panel', tabindex: name === tab ? '0' : '-1',
    onclick: () => choose(name),
    onkeydown: (e) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (!step) return;
      e.preventDefault();
      const next = names[(i + step + names.length) % names.length];
      choose(next);
      refocus(`[data-testid="tab-${next}"]`);
    },
  }, t(`books_tab_${name}`)));
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('books_title')),
      h('div', { class: 'head-actions' },
        h('button', { class: 'btn', testid: 'book-import', onclick: () => importSheet(ctx) }, t('book_import')),
        h('button', { class: 'btn', testid: 'book-lend', onclick: () => lend(null, ctx) }, t('lend_desk')),
        h('button', { class: 'btn primary', testid: 'book-add', onclick: () => editTitle(null, ctx) }, t('book_add')))),
    overdueBanner(overview.overdue),
    stats(overview.this_year),
    h('div', { class: 'tabs', role: 'tablist', testid: 'view-bookshelf' }, tabs),
    body,
    rulesCard(overview, refresh));
  if (tab === 'titles') await titlesTab(body, ctx);
  else if (tab === 'loans') await loansTab(body, ctx);
  else await stocktakeTab(body, ctx);
  // Alt+L from anywhere: the lending desk opens at once.
  if (takeDraft('loan')) lend(null, ctx);
}

/** How many loans are overdue, and the longest overdue few of them (the rest as "…"). */
export function overdueBanner(overdue) {
  if (!overdue?.total) return null;
  const shown = overdue.longest.map((l) => t('loan_overdue_item', { title: book(l.title), person: l.person, days: l.overdue_days }));
  return h('p', { class: 'banner overdue', testid: 'books-overdue' },
    t('books_overdue', { n: overdue.total }), ' ', shown.join(lang() === 'zh' ? '；' : '; '), overdue.total > shown.length ? ' …' : '');
}

function stats(y) {
  const chip = (n, label, cls = 'muted') => h('div', { class: `chip ${cls}` }, h('span', { class: 'chip-n' }, String(n)), label);
  return h('div', { class: 'chips', testid: 'book-stats' },
    chip(y.loans, t('books_loans_year', { year: y.year }), 'total'),
    chip(y.member_borrowers, t('books_member_borrowers')),
    chip(y.other_borrowers, t('books_other_borrowers')),
    chip(y.titles, t('books_titles_n')),
    chip(y.copies, t('books_copies_n')),
    y.top_titles.length ? h('div', { class: 'chip muted wide', testid: 'top-titles' }, t('books_top'), ' ',
      y.top_titles.slice(0, 3).map((x) => `${book(x.title)} ${x.loans}`).join(sep())) : null);
}

// ——— Catalogue ———

async function titlesTab(body, ctx) {
  const page = inPinyinOrder(await api.bookTitles(titleQuery));
  const detail = h('aside', { class: 'detail', testid: 'book-detail' });
  fill(body, titleFilters(ctx), h('div', { class: `split ${selected !== null ? 'has-detail' : ''}` }, titleTable(page, ctx), detail), pager(page, titleQuery, (offset) => { titleQuery.offset = offset; ctx.refresh(); }, 'books-total', t('records_total', { n: page.total })));
  if (selected) await showTitle(detail, selected, ctx);
}

function titleFilters({ overview, refresh }) {
  const select = (testid, key, first, options, label) =>
    filterSelect(testid, label, titleQuery[key], [['', first], ...options.map((o) => [o, o])],
      (v) => { titleQuery[key] = v; titleQuery.offset = 0; refresh(); });
  const search = h('input', { type: 'search', class: 'search', testid: 'book-search', placeholder: t('book_search'), 'aria-label': t('book_search'), value: titleQuery.text });
  search.addEventListener('change', () => { titleQuery.text = search.value; titleQuery.offset = 0; refresh(); });
  const avail = h('input', { type: 'checkbox', id: 'available-only', testid: 'filter-available', onchange: (e) => { titleQuery.available_only = e.target.checked; titleQuery.offset = 0; refresh(); } });
  avail.checked = titleQuery.available_only;
  return h('div', { class: 'toolbar' }, search,
    select('filter-category', 'category', t('all_categories'), overview.vocabulary.categories, t('col_category')),
    select('filter-tag', 'tag', t('all_tags'), overview.vocabulary.tags, t('field_tags')),
    h('label', { class: 'check', for: 'available-only' }, avail, t('available_only')));
}

function titleTable(page, ctx) {
  if (!page.rows.length) return h('div', { class: 'list-wrap' }, h('p', { class: 'empty', testid: 'books-empty' }, t('books_empty')));
  const open = (id) => { selected = id; ctx.refresh(); };
  const rows = page.rows.map((b) => h('tr', {
    testid: 'book-row', 'data-id': b.id, class: b.id === selected ? 'selected' : '', ...rowOpener(() => open(b.id)),
  },
    h('td', { class: 'name' }, book(b.name)),
    h('td', { class: 'clip minor' }, b.authors),
    h('td', { class: 'minor' }, b.category),
    h('td', { class: 'num' }, t('avail_of', { a: b.available, n: b.copies })),
    h('td', { class: 'num minor' }, String(b.loans))));
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table', testid: 'books-table' },
    // With a title's detail open beside it, the list keeps the title and what is on the shelf.
    h('thead', {}, h('tr', {}, [[t('col_book')], [t('col_authors'), 'minor'], [t('col_category'), 'minor'], [t('col_available')], [t('col_loans'), 'minor']].map(([c, cls]) => h('th', { class: cls }, c)))),
    h('tbody', {}, rows)));
}

const collator = new Intl.Collator('zh-CN');

/** A catalogue that fits on one page reads in pinyin order; longer ones page in stored order. */
function inPinyinOrder(page) {
  if (page.total <= PAGE) page.rows.sort((a, b) => collator.compare(a.name, b.name));
  return page;
}

async function showTitle(detail, id, ctx) {
  let b;
  try { b = await api.bookTitleGet(id); } catch { selected = null; detail.parentElement?.classList.remove('has-detail'); return; }
  const kv = (k, v, testid) => h('div', { class: 'kv' }, h('span', { class: 'k' }, k), h('span', { class: 'v', testid }, v || '—'));
  fill(detail,
    h('div', { class: 'detail-head' }, h('h2', { testid: 'book-detail-title' }, book(b.name)),
      h('button', { class: 'icon-btn', 'aria-label': t('close'), onclick: () => { selected = null; detail.parentElement?.classList.remove('has-detail'); clear(detail); } }, '×')),
    kv(t('col_authors'), b.authors),
    kv(t('field_publisher'), [b.publisher, b.year].filter(Boolean).join(' · ')),
    kv('ISBN', b.isbn ?? '', 'book-isbn'),
    kv(t('col_category'), b.category),
    kv(t('field_tags'), b.tags.join(sep())),
    b.notes && kv(t('field_notes'), b.notes),
    h('div', { class: 'actions' },
      h('button', { class: 'btn', testid: 'book-edit', onclick: () => editTitle(b, ctx) }, t('edit')),
      h('button', { class: 'btn primary', testid: 'copy-add', onclick: () => editCopy(null, b, ctx) }, t('copy_add')),
      h('button', { class: 'btn', testid: 'book-cover', onclick: async () => {
        await openAttachments({ owner: 'book_title', ownerId: b.id, title: book(b.name), kinds: ['cover', 'photo', 'other'] });
      } }, t('book_cover')),
      h('button', { class: 'btn danger', testid: 'book-trash', onclick: async () => {
        if (await confirmAndTrash('book_title', b.id, book(b.name))) { selected = null; ctx.refresh(); }
      } }, t('detail_trash'))),
    h('h3', {}, t('copies_heading', { n: b.copies.length })),
    copiesTable(b, ctx),
    h('h3', {}, t('loan_history')),
    loanTable(b.loans, ctx, { testid: 'book-loans', showTitle: false, actions: false }));
}

function copiesTable(b, ctx) {
  if (!b.copies.length) return h('p', { class: 'muted', testid: 'copies-empty' }, t('copies_empty'));
  const rows = b.copies.map((c) => h('tr', { testid: 'copy-row' },
    h('td', { class: 'label' }, c.label),
    h('td', {}, c.location === 'other' ? c.place : label('copy_location', c.location)),
    h('td', {}, h('span', { class: `stage cstate-${c.state}`, testid: 'copy-state' }, label('copy_state', c.state)),
      c.borrower ? h('div', { class: 'muted small' }, t('lent_to', { person: c.borrower, due: c.due_on })) : null),
    h('td', { class: 'actions-cell' },
      c.state === 'available' && h('button', { class: 'btn small primary', testid: 'copy-lend', onclick: () => lend(c, ctx) }, t('lend')),
      c.state === 'on_loan' && [
        h('button', { class: 'btn small primary', testid: 'copy-return', onclick: () => openLoanOf(c, ctx, returnLoan) }, t('return_book')),
        h('button', { class: 'btn small', testid: 'copy-renew', onclick: () => openLoanOf(c, ctx, renew) }, t('renew')),
        h('button', { class: 'btn small danger', testid: 'copy-lost', onclick: () => openLoanOf(c, ctx, lost) }, t('mark_lost'))],
      h('button', { class: 'btn small', testid: 'copy-edit', onclick: () => editCopy(c, b, ctx) }, t('edit')))));
  return h('table', { class: 'table compact', testid: 'copies-table' }, h('tbody', {}, rows));
}

async function openLoanOf(copy, ctx, action) {
  const page = await api.loansList({ copy_id: copy.id, open_only: true, limit: 1 });
  if (page.rows[0]) await action(page.rows[0], ctx);
}

function loanTable(loans, ctx, { testid, showTitle = true, actions = true }) {
  if (!loans.length) return h('p', { class: 'muted', testid: `${testid}-empty` }, t('loans_empty'));
  const state = (l) => {
    if (l.lost_on) return h('span', { class: 'stage cstate-lost' }, t('loan_lost_on', { date: l.lost_on }));
    if (l.returned_on) return h('span', { class: 'muted' }, t('returned_on', { date: l.returned_on }));
    if (l.overdue_days !== null) return h('span', { class: 'stage cstate-lost', testid: 'loan-overdue' }, t('overdue_days', { n: l.overdue_days }));
    return h('span', { class: 'stage cstate-on_loan' }, label('copy_state', 'on_loan'));
  };
  const rows = loans.map((l) => h('tr', { testid: 'loan-row' },
    showTitle ? h('td', { class: 'clip' }, book(l.title)) : null,
    h('td', { class: 'label' }, l.label),
    h('td', {}, l.person, l.member ? '' : h('span', { class: 'muted' }, t('non_member_short'))),
    h('td', { class: 'date' }, l.loaned_on),
    actions ? h('td', { class: 'date' }, l.due_on, l.renewals ? h('div', { class: 'muted small' }, t('renewed_n', { n: l.renewals })) : '') : null,
    h('td', {}, state(l), l.return_note ? h('div', { class: 'muted small' }, l.return_note) : null),
    !actions ? null : h('td', { class: 'actions-cell' }, l.returned_on || l.lost_on ? null : [
      h('button', { class: 'btn small primary', testid: 'loan-return', onclick: () => returnLoan(l, ctx) }, t('return_book')),
      h('button', { class: 'btn small', testid: 'loan-renew', onclick: () => renew(l, ctx) }, t('renew')),
      h('button', { class: 'btn small danger', testid: 'loan-lost', onclick: () => lost(l, ctx) }, t('mark_lost')),
    ])));
  const head = [showTitle ? t('col_book') : null, t('col_label'), t('col_borrower'), t('col_loaned_on'), actions ? t('col_due_on') : null, t('col_status'), actions ? '' : null].filter((c) => c !== null);
  return h('table', { class: 'table compact', testid }, h('thead', {}, h('tr', {}, head.map((c) => h('th', {}, c)))), h('tbody', {}, rows));
}

// ——— Forms ———

async function editTitle(b, ctx) {
  const v = ctx.overview.vocabulary;
  const fields = [
    { name: 'name', label: t('col_book'), required: true, value: b?.name },
    { name: 'authors', label: t('col_authors'), value: b?.authors },
    { name: 'publisher', label: t('field_publisher'), value: b?.publisher },
    { name: 'year', label: t('field_pub_year'), type: 'number', value: b?.year ?? '' },
    { name: 'isbn', label: 'ISBN', value: b?.isbn ?? '', hint: t('isbn_hint') },
    { name: 'category', label: t('col_category'), value: b?.category, suggestions: v.categories },
    { name: 'tags', label: t('field_tags'), type: 'list', value: b?.tags ?? [], hint: t('tags_hint') },
    { name: 'notes', label: t('field_notes'), type: 'textarea', value: b?.notes },
  ];
  let name = '';
  const submit = (values) => {
    name = values.name;
    return api.bookTitleSave(b?.id ?? null, { ...values, year: values.year === '' || values.year === null ? null : Number(values.year) });
  };
  const id = await openForm({ title: b ? t('book_edit') : t('book_add'), testid: 'book-form', row: 'book-row', fields, submit });
  if (id === undefined) return;
  selected = id;
  toast(t('saved'));
  // A new title gets its first copy straight away.
  if (!b) { tab = 'titles'; await editCopy(null, { id, name }, ctx); }
  ctx.refresh();
}

async function editCopy(c, b, ctx) {
  const label = c?.label ?? await api.bookNextLabel();
  const fields = [
    { name: 'label', label: t('col_label'), required: true, value: label, hint: t('label_hint') },
    { name: 'location', label: t('field_location'), type: 'select', required: true, value: c?.location ?? 'bookshelf', options: options('copy_location') },
    { name: 'place', label: t('field_place_name'), value: c?.place },
    { name: 'source', label: t('field_source'), type: 'select', required: true, value: c?.source ?? 'purchase', options: options('copy_source') },
    { name: 'donor', label: t('field_donor'), value: c?.donor },
    { name: 'added_on', label: t('field_added_on'), type: 'date', required: true, value: c?.added_on ?? today() },
    { name: 'condition', label: t('field_condition'), value: c?.condition ?? '', suggestions: [t('condition_good'), ...ctx.overview.vocabulary.conditions] },
  ];
  const onReady = (inputs) => {
    const show = () => {
      inputs.place.closest('.form-row').classList.toggle('hidden', inputs.location.value !== 'other');
      inputs.donor.closest('.form-row').classList.toggle('hidden', inputs.source.value !== 'donation');
    };
    inputs.location.addEventListener('change', show);
    inputs.source.addEventListener('change', show);
    show();
  };
  const extra = c && c.state !== 'on_loan' ? copyStateButtons(c, ctx) : null;
  const id = await openForm({ title: t('copy_of', { name: book(b.name) }), testid: 'copy-form', fields, onReady, extra, submit: (v) => api.bookCopySave(c?.id ?? null, b.id, v) });
  if (id !== undefined) { toast(t('saved')); ctx.refresh(); }
}

/** Lost, withdrawn or back on the shelf: a change of state for a copy that is not out. */
function copyStateButtons(c, ctx) {
  const act = (state) => async (event) => {
    event.preventDefault();
    try {
      await api.bookCopyState(c.id, state, today());
      event.target.closest('dialog').close();
      toast(t('saved'));
      ctx.refresh();
    } catch (err) { showError(err); }
  };
  return h('div', { class: 'toolbar' }, h('span', { class: 'muted' }, t('copy_state_now', { state: label('copy_state', c.state) })),
    c.state !== 'available' && h('button', { type: 'button', class: 'btn small', testid: 'copy-available', onclick: act('available') }, t('back_on_shelf')),
    c.state !== 'lost' && h('button', { type: 'button', class: 'btn small danger', testid: 'copy-mark-lost', onclick: act('lost') }, t('mark_lost')),
    c.state !== 'withdrawn' && h('button', { type: 'button', class: 'btn small danger', testid: 'copy-withdraw', onclick: act('withdrawn') }, t('withdraw')),
    c && h('button', { type: 'button', class: 'btn small danger', testid: 'copy-trash', onclick: async (event) => {
      event.target.closest('dialog').close();
      if (await confirmAndTrash('book_copy', c.id, `${c.label} ${book(c.title)}`)) ctx.refresh();
    } }, t('detail_trash')));
}

/** Lends `copy`, or (from the header) whichever copy's label is typed or scanned. */
async function lend(copy, ctx) {
  ctx.people ??= await api.peopleNames(false);
  const days = ctx.overview.rules.loan_days;
  const fields = [
    copy ? null : { name: 'label', label: t('col_label'), required: true, value: '', hint: t('lend_label_hint') },
    // Found by typing a name or its pinyin initials (伍晓明: wxm), not by scrolling a list of everyone.
    { name: 'borrower_ids', label: t('col_borrower'), type: 'multiselect', max: 1, value: [],
      options: ctx.people.map((p) => [p.id, p.stage === 'non_member' ? t('aside', { main: p.name, note: label('stage', 'non_member') }) : p.name, p.initials]) },
    { name: 'new_borrower', label: t('new_borrower'), hint: t('new_borrower_hint') },
    { name: 'loaned_on', label: t('col_loaned_on'), type: 'date', required: true, value: today() },
    { name: 'due_on', label: t('col_due_on'), type: 'date', value: addDays(today(), days), hint: t('due_hint', { n: days }) },
  ].filter(Boolean);
  const onReady = (inputs) => {
    inputs.loaned_on.addEventListener('change', () => { if (inputs.loaned_on.value) inputs.due_on.value = addDays(inputs.loaned_on.value, days); });
    if (!copy) deskFinder(inputs.label);
  };
  const submit = ({ borrower_ids: [person_id = null], ...v }) => (copy
    ? api.loanLend({ ...v, person_id, copy_id: copy.id })
    : api.loanLendLabel(v.label, { ...v, person_id, copy_id: 0 }));
  const title = copy ? t('lend_title', { label: copy.label, name: book(copy.title) }) : t('lend_desk');
  const id = await openForm({ title, testid: 'lend-form', fields, onReady, submit, saveLabel: t('lend') });
  if (id !== undefined) { ctx.people = null; toast(t('lent')); ctx.refresh(); }
}

/** At the desk, the label box also finds copies on the shelf by title or author as they are typed;
 * a click puts that copy's label in the box. */
function deskFinder(label) {
  const list = h('div', { class: 'picker-matches', testid: 'desk-matches', role: 'listbox' });
  label.closest('.form-row').append(list);
  let asked = 0;
  let timer = null;
  label.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++asked;
      const found = await api.loanDeskMatches(label.value).catch(() => []);
      if (mine !== asked) return;
      const exact = found.some((c) => c.label === label.value.trim());
      fill(list, exact ? [] : found.map((c) => h('button', {
        type: 'button', class: 'picker-option', testid: 'desk-match', role: 'option',
        onclick: () => { label.value = c.label; fill(list); label.focus(); },
      }, `${c.label} ${book(c.title)}${c.authors ? ` · ${c.authors}` : ''}`)));
    }, 150);
  });
}

async function returnLoan(l, ctx) {
  const fields = [
    { name: 'date', label: t('col_returned_on'), type: 'date', required: true, value: today() },
    { name: 'note', label: t('field_condition'), value: '', hint: t('return_note_hint'), suggestions: [t('condition_good'), ...ctx.overview.vocabulary.conditions] },
  ];
  const done = await openForm({ title: t('return_title', { label: l.label, person: l.person }), testid: 'return-form', fields, saveLabel: t('return_book'),
    submit: (v) => api.loanReturn(l.id, v.date, v.note ?? '').then(() => true) });
  if (done) { toast(t('returned')); ctx.refresh(); }
}

async function renew(l, ctx) {
  const days = ctx.overview.rules.loan_days;
  const fields = [
    { name: 'date', label: t('field_date'), type: 'date', required: true, value: today() },
    { name: 'due_on', label: t('col_due_on'), type: 'date', value: addDays(today(), days), hint: t('renew_hint', { n: l.renewals, limit: ctx.overview.rules.renew_limit }) },
  ];
  const due = await openForm({ title: t('renew_title', { label: l.label, person: l.person }), testid: 'renew-form', fields, saveLabel: t('renew'),
    submit: (v) => api.loanRenew(l.id, v.date, v.due_on) });
  if (due !== undefined) { toast(t('renewed_until', { date: due })); ctx.refresh(); }
}

async function lost(l, ctx) {
  const fields = [{ name: 'date', label: t('field_date'), type: 'date', required: true, value: today() }];
  const done = await openForm({ title: t('lost_title', { label: l.label, person: l.person }), testid: 'lost-form', fields, saveLabel: t('mark_lost'),
    submit: (v) => api.loanLost(l.id, v.date).then(() => true) });
  if (done) { toast(t('saved')); ctx.refresh(); }
}

// ——— Loans ———

async function loansTab(body, ctx) {
  const page = await api.loansList(loanQuery);
  const mode = h('select', { testid: 'loan-filter', onchange: (e) => {
    loanQuery.open_only = e.target.value === 'open';
    loanQuery.overdue_only = e.target.value === 'overdue';
    loanQuery.offset = 0;
    ctx.refresh();
  } }, ['open', 'overdue', 'all'].map((m) => h('option', { value: m }, t(`loans_${m}`))));
  mode.value = loanQuery.overdue_only ? 'overdue' : loanQuery.open_only ? 'open' : 'all';
  const year = new Date().getFullYear();
  const years = h('select', { testid: 'loan-year', onchange: (e) => { loanQuery.year = e.target.value ? Number(e.target.value) : null; loanQuery.offset = 0; ctx.refresh(); } },
    h('option', { value: '' }, t('all_years')), Array.from({ length: 12 }, (_, i) => h('option', { value: year - i }, String(year - i))));
  years.value = loanQuery.year ?? '';
  fill(body, h('div', { class: 'toolbar' }, mode, years),
    h('div', { class: 'list-wrap' }, loanTable(page.rows, ctx, { testid: 'loans-table' })),
    pager(page, loanQuery, (offset) => { loanQuery.offset = offset; ctx.refresh(); }, 'loans-total', t('records_total', { n: page.total })));
}

// ——— Stocktake ———

async function stocktakeTab(body, ctx) {
  const s = await api.stocktakeOverview();
  if (!s.current) {
    const start = async () => {
      try { await api.stocktakeStart(today()); ctx.refresh(); } catch (err) { showError(err); }
    };
    fill(body, h('section', { class: 'card' }, h('h2', {}, t('stocktake_title')), h('p', { class: 'hint' }, t('stocktake_hint')),
      h('button', { class: 'btn primary', testid: 'stocktake-start', onclick: start }, t('stocktake_start'))),
    stocktakeHistory(s.history));
    return;
  }
  const cur = s.current;
  const input = h('input', { type: 'text', class: 'scan', testid: 'stocktake-label', placeholder: t('stocktake_scan'), autocomplete: 'off' });
  const error = h('p', { class: 'field-error', role: 'alert', testid: 'stocktake-error' });
  const tick = async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      const r = await api.stocktakeTick(cur.id, input.value);
      toast(r.again ? t('ticked_again', { label: r.copy.label }) : t(r.recovered ? 'ticked_recovered' : 'ticked', { label: r.copy.label, name: book(r.copy.title) }));
      await stocktakeTab(body, ctx);
      body.querySelector('[data-testid="stocktake-label"]')?.focus();
    } catch (err) {
      error.textContent = err.message;
      input.select();
    }
  };
  const list = (copies, testid, undo = false) => h('ul', { class: 'plain columns', testid }, copies.map((c) => h('li', {}, `${c.label} ${book(c.title)}`,
    // A copy ticked by mistake (the wrong label typed or scanned) goes back to the missing ones.
    undo ? [' ', h('button', { type: 'button', class: 'btn small', testid: 'stocktake-untick', 'aria-label': t('stocktake_untick_label', { label: c.label }),
      onclick: async () => {
        try { await api.stocktakeUntick(cur.id, c.id); await stocktakeTab(body, ctx); } catch (err) { showError(err); }
      } }, t('stocktake_untick'))] : null)));
  fill(body, h('section', { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, t('stocktake_running', { date: cur.started_on })),
      h('button', { class: 'btn primary', testid: 'stocktake-finish', onclick: () => finish(cur, ctx) }, t('stocktake_finish'))),
    h('p', { testid: 'stocktake-progress' }, t('stocktake_progress', { found: cur.found.length, expected: cur.expected })),
    h('form', { class: 'inline-form', onsubmit: tick }, input, h('button', { type: 'submit', class: 'btn', testid: 'stocktake-tick' }, t('stocktake_tick'))),
    error,
    h('h3', {}, t('stocktake_missing', { n: cur.missing.length })), list(cur.missing, 'stocktake-missing'),
    h('h3', {}, t('stocktake_found', { n: cur.found.length })), list(cur.found, 'stocktake-found', true)),
  stocktakeHistory(s.history));
  input.focus();
}

function stocktakeHistory(history) {
  if (!history.length) return null;
  return h('section', { class: 'card' }, h('h2', {}, t('stocktake_history')),
    h('table', { class: 'table compact', testid: 'stocktake-history' }, h('tbody', {}, history.map((s) => h('tr', {},
      h('td', { class: 'date' }, s.started_on), h('td', { class: 'date' }, s.finished_on ?? t('stocktake_open')),
      h('td', {}, t('stocktake_line', { found: s.found, missing: s.missing ?? '—' })),
      h('td', {}, s.marked_lost ? t('stocktake_marked') : ''))))));
}

async function finish(cur, ctx) {
  const fields = [
    { name: 'date', label: t('field_date'), type: 'date', required: true, value: today() },
    { name: 'mark_lost', label: t('stocktake_then'), type: 'select', required: true, value: cur.missing.length ? 'yes' : 'no',
      options: [['yes', t('stocktake_mark_lost', { n: cur.missing.length })], ['no', t('stocktake_just_finish')]] },
  ];
  const extra = cur.missing.length
    ? h('div', {}, h('p', {}, t('stocktake_missing', { n: cur.missing.length })),
      h('ul', { class: 'plain', testid: 'finish-missing' }, cur.missing.map((c) => h('li', {}, `${c.label} ${book(c.title)}`))))
    : h('p', { class: 'muted' }, t('stocktake_none_missing'));
  const n = await openForm({ title: t('stocktake_finish'), testid: 'stocktake-finish-form', fields, extra, saveLabel: t('stocktake_finish'),
    submit: (v) => api.stocktakeFinish(cur.id, v.date, v.mark_lost === 'yes') });
  if (n !== undefined) { toast(t('stocktake_done', { n })); ctx.refresh(); }
}

// ——— Import ———

async function importSheet(ctx) {
  let preview;
  try { preview = await api.bookImportPreview(); } catch (err) { showError(err); return; }
  if (!preview) return;
  const rows = preview.rows.map((r) => h('tr', { class: r.error ? 'bad' : '', testid: r.error ? 'import-bad' : 'import-ok' },
    h('td', { class: 'num' }, String(r.row)),
    h('td', {}, r.title ? book(r.title) : '—'),
    h('td', { class: 'clip' }, r.authors),
    h('td', {}, r.isbn ?? ''),
    h('td', {}, r.labels.join(sep())),
    h('td', {}, r.error ? h('span', { class: 'field-error' }, r.error) : r.existing_title_id ? t('import_existing') : r.same_title_as ? t('import_same', { row: r.same_title_as }) : t('import_new'))));
  const summary = preview.rows.length === 0
    ? t('import_nothing')
    : preview.bad ? t('import_summary_bad', { ok: preview.ok, bad: preview.bad }) : t('import_summary_ok', { titles: preview.titles_new, copies: preview.copies_new });
  const extra = h('div', { class: 'import-preview' },
    h('p', { class: preview.bad ? 'banner overdue' : 'banner ok', testid: 'import-summary' }, summary),
    preview.rows.length ? h('div', { class: 'list-wrap tall' }, h('table', { class: 'table compact', testid: 'import-table' },
      h('thead', {}, h('tr', {}, [t('import_row'), t('col_book'), t('col_authors'), 'ISBN', t('col_label'), t('import_result')].map((c) => h('th', {}, c)))),
      h('tbody', {}, rows))) : null);
  const result = await openForm({ title: t('import_title', { name: preview.file_name }), testid: 'import-form', fields: [], extra,
    saveLabel: t('import_confirm'), submit: () => api.bookImportCommit(preview.path) });
  if (result !== undefined) { toast(t('import_done', { titles: result.titles, copies: result.copies })); ctx.refresh(); }
}

function rulesCard(overview, refresh) {
  const days = h('input', { type: 'number', min: 1, max: 365, testid: 'loan-days', value: overview.rules.loan_days });
  const limit = h('input', { type: 'number', min: 0, max: 10, testid: 'renew-limit', value: overview.rules.renew_limit });
  const error = h('p', { class: 'field-error', role: 'alert', testid: 'error-loan_rules' });
  const save = async (event) => {
    event.preventDefault();
    error.textContent = '';
    try { await api.setLoanRules(Number(days.value), Number(limit.value)); toast(t('saved')); refresh(); } catch (err) { error.textContent = err.message; }
  };
  return h('section', { class: 'card narrow' }, h('h2', {}, t('loan_rules')),
    h('form', { class: 'rules', onsubmit: save }, h('label', {}, t('field_loan_days'), days), h('label', {}, t('field_renew_limit'), limit),
      h('button', { type: 'submit', class: 'btn primary', testid: 'loan-rules-save' }, t('save'))),
    error);
}
