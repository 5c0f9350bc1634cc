// 党费: the year's dues register (who owed and paid what each month), the payments and hand-overs of
// the year, each member's base, and the rules that price a base. Every figure comes from the core.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, fill, openForm, toast, showRecord, showError } from '../dom.js';
import { today } from '../dates.js';
import { confirmAndTrash } from './trash.js';
import { openAttachments } from './attachments.js';
import { label, options } from '../vocabulary.js';
import { exportWithProgress } from '../papers.js';

let year = null;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Fen as yuan: 12000 → "120.00". */
export const yuan = (fen) => (fen < 0 ? '-' : '') + `${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
/** 1月 … 12月, Jan … Dec. */
const monthLabel = (m) => new Date(2000, m - 1, 1).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en', { month: 'short' });
/** A bound in a rule: whole yuan without the decimals (3000), else with them (0.20). */
const bound = (fen) => (fen % 100 ? yuan(fen) : String(fen / 100));

export default async function dues(main, { refresh }) {
  const [d, people] = await Promise.all([api.duesScreen(year), api.peopleNames(false)]);
  year = d.register.year;
  const r = d.register;
  const members = people.filter((p) => p.stage === 'full' || p.stage === 'probationary');
  const ctx = { r, d, people, members, refresh };
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('dues_title')),
      h('div', { class: 'head-actions' },
        h('button', { class: 'btn primary', testid: 'dues-pay', onclick: () => editPayment(null, ctx) }, t('dues_pay')),
        h('button', { class: 'btn', testid: 'dues-base-add', onclick: () => editBase(null, ctx) }, t('dues_base_add')),
        h('button', { class: 'btn', testid: 'dues-handover-add', onclick: () => editHandover(null, ctx) }, t('dues_handover_add')),
        h('button', { class: 'btn', testid: 'dues-import', onclick: () => importSheet(ctx) }, t('dues_import')),
        h('button', { class: 'btn', testid: 'dues-rules', onclick: () => showRules(ctx) }, t('dues_rules')))),
    h('p', { class: 'muted' }, t('dues_text')),
    h('div', { class: 'toolbar' }, yearSelect(d.years, refresh), exportBar()),
    reconciliation(r),
    h('section', { class: 'card' }, h('h2', {}, t('dues_register_title', { year })), grid(ctx)),
    h('section', { class: 'card' }, h('h2', {}, t('dues_payments_title', { year })), paymentsTable(ctx)),
    h('section', { class: 'card' }, h('h2', {}, t('dues_handovers_title', { year })), handoversTable(ctx)),
    h('section', { class: 'card' }, h('h2', {}, t('dues_bases_title')), h('p', { class: 'hint' }, t('dues_bases_private')), basesTable(ctx)));
}

function yearSelect(years, refresh) {
  const select = h('select', { testid: 'dues-year', 'aria-label': t('col_honour_year') }, years.map((y) => h('option', { value: String(y) }, String(y))));
  select.value = String(year);
  select.addEventListener('change', () => { year = Number(select.value); refresh(); });
  return h('label', { class: 'filter' }, t('col_honour_year'), ' ', select);
}

/** The year's register as branches hand it in: Excel, Word or PDF. */
function exportBar() {
  const progress = h('progress', { max: 100, value: 0, class: 'hidden', testid: 'export-progress' });
  const write = (format) => exportWithProgress(progress, () => api.duesRegisterExport(year, format));
  return h('div', { class: 'toolbar-group', testid: 'dues-export' },
    h('span', { class: 'muted' }, t('dues_export_label')),
    h('button', { class: 'btn', testid: 'dues-export-xlsx', onclick: () => write('xlsx') }, 'Excel'),
    h('button', { class: 'btn', testid: 'dues-export-docx', onclick: () => write('docx') }, 'Word'),
    h('button', { class: 'btn', testid: 'dues-export-pdf', onclick: () => write('pdf') }, 'PDF'),
    progress);
}

function reconciliation(r) {
  const rate = r.months_owed ? Math.round((r.months_on_time / r.months_owed) * 1000) / 10 : null;
  const figure = (key, fen, testid) => h('div', { class: 'figure', testid }, h('span', { class: 'muted small' }, t(key)), h('strong', {}, `${yuan(fen)} ${t('yuan')}`));
  return h('section', { class: 'card dues-figures', testid: 'dues-reconcile' },
    h('div', { class: 'figures' },
      figure('dues_held_before', r.held_before_fen, 'dues-held-before'),
      figure('dues_collected', r.collected_fen, 'dues-collected'),
      figure('dues_handed', r.handed_fen, 'dues-handed'),
      figure('dues_held', r.held_fen, 'dues-held'),
      figure('dues_arrears', r.totals.arrears_fen, 'dues-arrears-total')),
    h('p', { class: 'hint' }, t('dues_reconcile_sentence', { before: yuan(r.held_before_fen), collected: yuan(r.collected_fen), handed: yuan(r.handed_fen), held: yuan(r.held_fen) }),
      rate === null ? '' : ' ' + t('dues_on_time', { rate, n: r.months_on_time, of: r.months_owed })));
}

function cellText(c) {
  switch (c.state) {
    case 'paid': return yuan(c.paid_fen);
    case 'paid_late': return `${yuan(c.paid_fen)}*`;
    case 'unpaid': return t('dues_cell_unpaid');
    case 'open': return t('dues_cell_open');
    case 'no_base': return t('dues_cell_no_base');
    case 'ahead': return '';
    default: return '—';
  }
}

function grid(ctx) {
  const { r } = ctx;
  if (!r.lines.length) return h('p', { class: 'empty', testid: 'dues-empty' }, t('dues_empty'));
  const head = h('tr', {}, h('th', {}, t('col_name')), MONTHS.map((m) => h('th', { class: 'num' }, monthLabel(m))),
    h('th', { class: 'num' }, t('dues_due')), h('th', { class: 'num' }, t('dues_paid')), h('th', { class: 'num' }, t('dues_owed')));
  const rows = r.lines.map((l) => h('tr', { testid: 'dues-line', 'data-person': l.person_id },
    h('td', { class: 'name' }, h('button', { class: 'link', testid: 'dues-line-pay', title: [t('dues_pay_for', { name: l.name }), l.category ? label('dues_category', l.category) : null].filter(Boolean).join(' · '), onclick: () => editPayment(null, ctx, { person: l.person_id, line: l }) }, l.name)),
    l.cells.map((c) => h('td', { class: `num dues-cell ${c.state}`, testid: `dues-cell-${c.month}`, title: cellTitle(c) }, cellText(c))),
    h('td', { class: 'num' }, yuan(l.totals.due_fen)),
    h('td', { class: 'num' }, yuan(l.totals.paid_fen)),
    h('td', { class: `num ${l.totals.arrears_fen ? 'bad' : ''}`, testid: 'dues-line-owed' }, yuan(l.totals.arrears_fen))));
  const foot = h('tr', { class: 'totals' }, h('th', {}, t('dues_total')),
    r.months.map((m) => h('th', { class: 'num' }, yuan(m.paid_fen))),
    h('th', { class: 'num' }, yuan(r.totals.due_fen)), h('th', { class: 'num', testid: 'dues-total-paid' }, yuan(r.totals.paid_fen)), h('th', { class: 'num' }, yuan(r.totals.arrears_fen)));
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table dues-grid', testid: 'dues-register' }, h('thead', {}, head), h('tbody', {}, rows), h('tfoot', {}, foot)),
    h('p', { class: 'hint' }, t('dues_grid_legend')));
}

function cellTitle(c) {
  const due = c.due_fen === null ? '' : t('dues_cell_due', { due: yuan(c.due_fen) });
  const on = c.received_on ? t('dues_cell_received', { on: c.received_on }) : '';
  return [c.month, due, on].filter(Boolean).join(' · ');
}

function paymentsTable(ctx) {
  const list = ctx.r.payments;
  if (!list.length) return h('p', { class: 'empty', testid: 'dues-payments-empty' }, t('dues_payments_empty'));
  const span = (p) => (p.months === 1 ? p.first_month : `${p.first_month} – ${p.last_month}`);
  const rows = list.map((p) => h('tr', { testid: 'dues-payment-row' },
    h('td', { class: 'date' }, p.received_on),
    h('td', { class: 'name' }, p.person),
    h('td', {}, span(p), h('div', { class: 'muted small' }, t('dues_months_n', { n: p.months }))),
    h('td', { class: 'num' }, yuan(p.amount_fen), p.due_fen !== null && p.due_fen !== p.amount_fen ? h('div', { class: 'muted small' }, t('dues_due_was', { due: yuan(p.due_fen) })) : null),
    h('td', {}, label('dues_method', p.method), p.received_by_name ? h('div', { class: 'muted small' }, p.received_by_name) : null),
    h('td', { class: 'small' }, p.notes || ''),
    h('td', { class: 'row-actions' },
      h('button', { class: 'btn small', testid: 'dues-payment-edit', onclick: () => editPayment(p, ctx) }, t('edit')),
      h('button', { class: 'btn small danger', testid: 'dues-payment-trash', onclick: async () => {
        if (await confirmAndTrash('dues_payment', p.id, `${p.person} ${span(p)}`)) ctx.refresh();
      } }, t('detail_trash')))));
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table', testid: 'dues-payments' },
    h('thead', {}, h('tr', {}, [t('field_received_on'), t('col_name'), t('dues_col_months'), t('field_amount'), t('field_method'), t('field_notes'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, rows)));
}

function handoversTable(ctx) {
  const list = ctx.r.handovers;
  if (!list.length) return h('p', { class: 'empty', testid: 'dues-handovers-empty' }, t('dues_handovers_empty'));
  const rows = list.map((x) => h('tr', { testid: 'dues-handover-row' },
    h('td', { class: 'date' }, x.handed_on),
    h('td', {}, `${x.first_month} – ${x.last_month}`),
    h('td', { class: 'num' }, yuan(x.amount_fen)),
    h('td', {}, x.recipient || '—', x.notes ? h('div', { class: 'muted small' }, x.notes) : null),
    h('td', { class: 'row-actions' },
      h('button', { class: 'btn small', testid: 'dues-handover-edit', onclick: () => editHandover(x, ctx) }, t('edit')),
      h('button', { class: 'btn small', testid: 'dues-handover-receipt', onclick: async () => {
        await openAttachments({ owner: 'dues_handover', ownerId: x.id, title: t('dues_receipt_title', { on: x.handed_on }), kinds: ['receipt', 'other'] });
        ctx.refresh();
      } }, x.attachments ? t('dues_receipt_n', { n: x.attachments }) : t('dues_receipt')),
      h('button', { class: 'btn small danger', testid: 'dues-handover-trash', onclick: async () => {
        if (await confirmAndTrash('dues_handover', x.id, `${x.handed_on} ${yuan(x.amount_fen)}`)) ctx.refresh();
      } }, t('detail_trash')))));
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table', testid: 'dues-handovers' },
    h('thead', {}, h('tr', {}, [t('field_handed_on'), t('dues_col_months'), t('field_amount'), t('field_handed_to'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, rows)));
}

function basesTable(ctx) {
  const list = ctx.d.bases;
  if (!list.length) return h('p', { class: 'empty', testid: 'dues-bases-empty' }, t('dues_bases_empty'));
  const rows = [...list].reverse().map((b) => h('tr', { testid: 'dues-base-row' },
    h('td', { class: 'name' }, b.person),
    h('td', {}, b.from_month),
    h('td', {}, label('dues_category', b.category)),
    h('td', { class: 'num' }, b.income_fen === null ? (b.chosen_fen === null ? '—' : yuan(b.chosen_fen)) : yuan(b.income_fen)),
    h('td', { class: 'num' }, b.monthly_fen === null ? '—' : yuan(b.monthly_fen)),
    h('td', { class: 'small' }, b.notes),
    h('td', { class: 'row-actions' },
      h('button', { class: 'btn small', testid: 'dues-base-edit', onclick: () => editBase(b, ctx) }, t('edit')),
      h('button', { class: 'btn small danger', testid: 'dues-base-trash', onclick: async () => {
        if (await confirmAndTrash('dues_base', b.id, `${b.person} ${b.from_month}`)) ctx.refresh();
      } }, t('detail_trash')))));
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table', testid: 'dues-bases' },
    h('thead', {}, h('tr', {}, [t('col_name'), t('field_first_month'), t('field_dues_category'), t('dues_col_base'), t('dues_col_monthly'), t('field_notes'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, rows)));
}

const personOptions = (list) => [['', t('choose_person')], ...list.map((p) => [String(p.id), p.name])];

/** The amount due for `months` months from `first`, where the register of this year knows each. */
function dueFor(line, first, months) {
  if (!line || !/^\d{4}-\d{2}$/.test(first)) return null;
  let [y, m] = first.split('-').map(Number);
  let sum = 0;
  for (let i = 0; i < months; i += 1) {
    const cell = line.cells.find((c) => c.month === `${y}-${String(m).padStart(2, '0')}`);
    if (!cell || cell.due_fen === null) return null;
    sum += cell.due_fen;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return sum;
}

async function editPayment(p, ctx, preset = {}) {
  const { r, members, people, refresh } = ctx;
  const firstUnpaid = preset.line?.cells.find((c) => c.state === 'unpaid' || c.state === 'open')?.month;
  const fields = [
    { name: 'person_id', label: t('field_person'), type: 'select', numeric: true, required: true, value: p?.person_id ?? preset.person ?? '', options: personOptions(members) },
    { name: 'first_month', label: t('field_first_month'), required: true, value: p?.first_month ?? firstUnpaid ?? today().slice(0, 7), placeholder: '2026-03', hint: t('dues_month_hint') },
    { name: 'months', label: t('field_months'), type: 'number', required: true, value: p?.months ?? 1, hint: t('dues_months_hint') },
    { name: 'amount', label: t('field_amount'), required: true, value: p ? yuan(p.amount_fen) : '', placeholder: '0.00', hint: t('dues_amount_hint') },
    { name: 'received_on', label: t('field_received_on'), type: 'date', required: true, value: p?.received_on ?? today() },
    { name: 'method', label: t('field_method'), type: 'select', required: true, value: p?.method ?? 'cash', options: options('dues_method') },
    { name: 'received_by', label: t('field_received_by'), type: 'select', numeric: true, value: p?.received_by ?? '', options: personOptions(people) },
    { name: 'notes', label: t('field_notes'), type: 'textarea', value: p?.notes ?? '', hint: t('dues_notes_hint') },
  ];
  // The amount follows the months chosen, as long as the secretary has not typed one.
  const onReady = (inputs) => {
    let typed = Boolean(p);
    inputs.amount.addEventListener('input', () => { typed = true; });
    const suggest = () => {
      if (typed) return;
      const line = r.lines.find((l) => String(l.person_id) === inputs.person_id.value);
      const due = dueFor(line, inputs.first_month.value.trim(), Number(inputs.months.value) || 1);
      inputs.amount.value = due === null ? '' : yuan(due);
    };
    ['change', 'input'].forEach((e) => [inputs.person_id, inputs.first_month, inputs.months].forEach((i) => i.addEventListener(e, suggest)));
    suggest();
  };
  const submit = (v) => api.duesPaymentSave(p?.id ?? null, {
    person_id: v.person_id, first_month: v.first_month, months: v.months === null ? null : Math.trunc(v.months),
    amount: v.amount, received_on: v.received_on, method: v.method, received_by: v.received_by, notes: v.notes,
  });
  const id = await openForm({ title: p ? t('dues_pay_edit') : t('dues_pay'), testid: 'dues-payment-form', fields, onReady, submit });
  if (id !== undefined) { toast(t('saved')); refresh(); }
}

async function editBase(b, { members, refresh }) {
  const fields = [
    { name: 'person_id', label: t('field_person'), type: 'select', numeric: true, required: true, value: b?.person_id ?? '', options: personOptions(members) },
    { name: 'first_month', label: t('field_first_month'), required: true, value: b?.from_month ?? today().slice(0, 7), placeholder: '2026-01', hint: t('dues_base_month_hint') },
    { name: 'dues_category', label: t('field_dues_category'), type: 'select', required: true, value: b?.category ?? 'employed', options: options('dues_category') },
    { name: 'income', label: t('field_income'), required: true, value: b?.income_fen == null ? '' : yuan(b.income_fen), placeholder: '0.00', hint: t('dues_income_hint') },
    { name: 'amount', label: t('dues_chosen'), value: b?.chosen_fen == null ? '' : yuan(b.chosen_fen), placeholder: '0.20', hint: t('dues_chosen_hint') },
    { name: 'notes', label: t('field_notes'), type: 'textarea', value: b?.notes ?? '' },
  ];
  // Income is asked for the employed and retired; a farmer chooses an amount within the rule.
  const onReady = (inputs) => {
    const show = () => {
      const byIncome = ['employed', 'retired'].includes(inputs.dues_category.value);
      inputs.income.closest('.form-row').classList.toggle('hidden', !byIncome);
      inputs.amount.closest('.form-row').classList.toggle('hidden', inputs.dues_category.value !== 'farmer');
    };
    inputs.dues_category.addEventListener('change', show);
    show();
  };
  const submit = (v) => api.duesBaseSave(b?.id ?? null, { person_id: v.person_id, from_month: v.first_month, category: v.dues_category, income: v.income, chosen: v.amount, notes: v.notes });
  const id = await openForm({ title: b ? t('dues_base_edit') : t('dues_base_add'), testid: 'dues-base-form', fields, onReady, submit });
  if (id !== undefined) { toast(t('saved')); refresh(); }
}

async function editHandover(x, { refresh }) {
  const month = today().slice(0, 7);
  const fields = [
    { name: 'first_month', label: t('field_first_month'), required: true, value: x?.first_month ?? month, placeholder: '2026-01' },
    { name: 'last_month', label: t('field_last_month'), required: true, value: x?.last_month ?? month, placeholder: '2026-06' },
    { name: 'amount', label: t('field_amount'), required: true, value: x ? yuan(x.amount_fen) : '', placeholder: '0.00' },
    { name: 'handed_on', label: t('field_handed_on'), type: 'date', required: true, value: x?.handed_on ?? today() },
    { name: 'handed_to', label: t('field_handed_to'), value: x?.recipient ?? '', hint: t('dues_handed_to_hint') },
    { name: 'notes', label: t('field_notes'), type: 'textarea', value: x?.notes ?? '' },
  ];
  const submit = (v) => api.duesHandoverSave(x?.id ?? null, { first_month: v.first_month, last_month: v.last_month, amount: v.amount, handed_on: v.handed_on, recipient: v.handed_to, notes: v.notes });
  const id = await openForm({ title: x ? t('dues_handover_edit') : t('dues_handover_add'), testid: 'dues-handover-form', fields, submit });
  if (id !== undefined) { toast(t('saved')); refresh(); }
}

/** One bracket in words: "3000.00 元以上至 5000.00 元：1%", "每月 0.20 元". */
function bracketText(b) {
  const range = b.up_to_fen === null
    ? (b.above_fen ? t('dues_above', { a: bound(b.above_fen) }) : t('dues_any_income'))
    : (b.above_fen ? t('dues_range', { a: bound(b.above_fen), b: bound(b.up_to_fen) }) : t('dues_up_to', { b: bound(b.up_to_fen) }));
  if (b.rate_bp !== null) return `${range}：${(b.rate_bp / 100).toString()}%`;
  const amount = b.min_fen === b.max_fen ? t('dues_fixed', { a: yuan(b.min_fen) }) : t('dues_between', { a: yuan(b.min_fen), b: yuan(b.max_fen) });
  return b.category === 'employed' || b.category === 'retired' ? `${range}：${amount}` : amount;
}

function showRules(ctx) {
  const sets = ctx.d.rules;
  const items = sets.flatMap((s) => [
    [t('dues_rule_set', { name: s.name }), `${s.valid_from} – ${s.valid_to ?? t('dues_open_end')}`],
    ...options('dues_category').map(([code, name]) => [name, s.brackets.filter((b) => b.category === code).map(bracketText).join(lang() === 'zh' ? '；' : '; ') || '—']),
    [t('field_notes'), s.notes, true],
  ]);
  const latest = sets[sets.length - 1];
  showRecord({
    title: t('dues_rules'),
    testid: 'dues-rules-view',
    items,
    onEdit: latest ? () => editRules(latest, ctx) : null,
    actions: [h('button', { class: 'btn', testid: 'dues-rules-add', onclick: (e) => { e.target.closest('dialog').close(); editRules(null, ctx, latest); } }, t('dues_rules_add'))],
  });
}

/** A version of the rules: its months and name in the form, its brackets as a table of inputs. */
async function editRules(set, { refresh }, template = null) {
  const source = set ?? template;
  const rows = (source?.brackets ?? []).map((b) => bracketRow(b));
  const body = h('tbody', {}, rows);
  const add = h('button', { type: 'button', class: 'btn small', testid: 'dues-bracket-add', onclick: () => body.append(bracketRow(null)) }, t('dues_bracket_add'));
  const table = h('div', { class: 'list-wrap' }, h('table', { class: 'table brackets', testid: 'dues-brackets' },
    h('thead', {}, h('tr', {}, [t('field_dues_category'), t('dues_col_above'), t('dues_col_up_to'), t('dues_col_rate'), t('dues_col_min'), t('dues_col_max'), ''].map((c) => h('th', {}, c)))),
    body), add, h('p', { class: 'hint' }, t('dues_brackets_hint')));
  const fields = [
    { name: 'rule_name', label: t('field_rule_name'), required: true, value: set?.name ?? '' },
    { name: 'valid_from', label: t('field_valid_from'), required: true, value: set?.valid_from ?? '', placeholder: '2027-01' },
    { name: 'valid_to', label: t('field_valid_to'), value: set?.valid_to ?? '', placeholder: '2027-12', hint: t('dues_valid_to_hint') },
    { name: 'notes', label: t('field_notes'), type: 'textarea', value: set?.notes ?? '' },
  ];
  const submit = (v) => api.duesRulesSave(set?.id ?? null, {
    name: v.rule_name, valid_from: v.valid_from, valid_to: v.valid_to, notes: v.notes,
    brackets: [...body.querySelectorAll('tr')].map((tr) => Object.fromEntries([...tr.querySelectorAll('[data-key]')].map((i) => [i.dataset.key, i.value]))),
  });
  const id = await openForm({ title: set ? t('dues_rules_edit') : t('dues_rules_add'), testid: 'dues-rules-form', fields, submit, extra: table });
  if (id !== undefined) { toast(t('saved')); refresh(); }
}

function bracketRow(b) {
  const cell = (key, value, aria) => h('td', {}, h('input', { 'data-key': key, value: value ?? '', 'aria-label': aria, class: 'narrow' }));
  const category = h('select', { 'data-key': 'category', 'aria-label': t('field_dues_category') }, options('dues_category').map(([v, l]) => h('option', { value: v }, l)));
  category.value = b?.category ?? 'employed';
  const row = h('tr', { testid: 'dues-bracket' },
    h('td', {}, category),
    cell('above', b ? yuan(b.above_fen) : '0', t('dues_col_above')),
    cell('up_to', b?.up_to_fen == null ? '' : yuan(b.up_to_fen), t('dues_col_up_to')),
    cell('rate', b?.rate_bp == null ? '' : String(b.rate_bp / 100), t('dues_col_rate')),
    cell('amount_min', b?.min_fen == null ? '' : yuan(b.min_fen), t('dues_col_min')),
    cell('amount_max', b?.max_fen == null ? '' : yuan(b.max_fen), t('dues_col_max')),
    h('td', {}, h('button', { type: 'button', class: 'btn small', 'aria-label': t('dues_bracket_remove'), onclick: () => row.remove() }, '×')));
  return row;
}

/** A dues sheet kept elsewhere (Excel, WPS or CSV): each row shown with what it would save or why it
 * cannot be, then imported all at once, or not at all while any row is refused. */
async function importSheet(ctx) {
  let preview;
  try { preview = await api.duesImportPreview(); } catch (err) { showError(err); return; }
  if (!preview) return;
  const methodLabel = (m) => label('dues_method', m);
  const rows = preview.rows.map((r) => h('tr', { class: r.error ? 'bad' : '', testid: r.error ? 'import-bad' : 'import-ok' },
    h('td', { class: 'num' }, String(r.row)),
    h('td', {}, r.name || '—'),
    h('td', {}, r.first_month),
    h('td', { class: 'num' }, String(r.months)),
    h('td', { class: 'num' }, r.amount),
    h('td', {}, r.received_on),
    h('td', {}, methodLabel(r.method)),
    h('td', {}, r.error ? h('span', { class: 'field-error' }, r.error) : r.notes)));
  const summary = preview.rows.length === 0
    ? t('import_nothing')
    : preview.bad ? t('dues_import_bad', { ok: preview.ok, bad: preview.bad }) : t('dues_import_ok', { n: preview.ok });
  const extra = h('div', { class: 'import-preview' },
    h('p', { class: preview.bad ? 'banner overdue' : 'banner ok', testid: 'import-summary' }, summary),
    preview.ignored_columns.length ? h('p', { class: 'hint' }, t('dues_import_ignored', { columns: preview.ignored_columns.join(lang() === 'zh' ? '、' : ', ') })) : null,
    preview.rows.length ? h('div', { class: 'list-wrap tall' }, h('table', { class: 'table compact', testid: 'import-table' },
      h('thead', {}, h('tr', {}, [t('import_row'), t('col_name'), t('field_first_month'), t('field_months'), t('field_amount'), t('field_received_on'), t('field_method'), t('import_result')].map((c) => h('th', {}, c)))),
      h('tbody', {}, rows))) : null);
  const result = await openForm({ title: t('import_title', { name: preview.file_name }), testid: 'import-form', fields: [], extra,
    saveLabel: t('import_confirm'), submit: () => api.duesImportCommit(preview.path) });
  if (result !== undefined) { toast(t('dues_import_done', { n: result })); ctx.refresh(); }
}
