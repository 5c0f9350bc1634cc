// Small DOM helpers shared by the views: element building, notices, and the form dialog.
import { t } from './i18n.js';
import { focusNext } from './focus.js';

/** Builds an element: h('button', {class: 'x', onclick: f, testid: 'y'}, 'text', child…). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'testid') el.dataset.testid = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** A dropdown above a list that narrows it: named by `label` for screen readers (its first option says
 * "all …"); `onchange` gets the chosen value. */
export function filterSelect(testid, label, value, options, onchange) {
  const el = h('select', { testid, 'aria-label': label, onchange: (e) => onchange(e.target.value) },
    options.map(([v, l]) => h('option', { value: v }, l)));
  el.value = value ?? '';
  return el;
}

/** A list row that opens its record by click or by Enter, but only when the row itself is what was
 * clicked or has focus: a button inside the row (附件, 移到回收站) does its own action and nothing else. */
export function rowOpener(open) {
  const inControl = (e) => e.target !== e.currentTarget && e.target.closest('button, a, input, select, textarea, label');
  // Where the record opens in a panel beside the list, focus follows it there.
  const go = (row) => {
    if (row.closest('.split')?.querySelector('aside.detail')) focusNext('#main aside.detail h2');
    open();
  };
  return {
    tabindex: 0,
    onclick: (e) => { if (!inControl(e)) go(e.currentTarget); },
    onkeydown: (e) => { if (e.key === 'Enter' && e.target === e.currentTarget) { e.preventDefault(); go(e.currentTarget); } },
  };
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Replaces an element's children, skipping empty ones (null, false) and flattening lists. */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** A short message at the bottom of the window that fades by itself; one with a `key` replaces the
 * last one with that key (the zoom says its latest step only). */
export function toast(message, kind = 'ok', key = null) {
  const box = document.getElementById('toasts');
  if (key) box.querySelector(`[data-key="${key}"]`)?.remove();
  const item = h('div', { class: `toast toast-${kind}`, testid: `toast-${kind}`, role: 'status', 'data-key': key }, message);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 3000);
}

/** Shows an error from the Rust side (or a plain JS failure) as a sentence. */
export function showError(err) {
  toast(err?.message ?? String(err), 'error');
}

/**
 * Opens a modal form. `fields` is a list of {name, label, type ('text'|'date'|'select'|'textarea'|'number'),
 * options: [[value, label]], value, required, hint}. `submit(values)` returns a promise; a rejection with
 * {field, message} is shown beside that field, anything else above the buttons, and the dialog stays open.
 * Types 'multiselect' (values: list of numbers) and 'list' (comma- or 、-separated text, values: list of
 * strings) also exist; `suggestions` offers typed values. `onReady(inputs)` may wire fields together;
 * `extra` is a node shown below the fields (e.g. an attendance table) that `submit` reads itself; when
 * `submit` gives a record's id, its list row (test id `row`) takes focus once the list is drawn again.
 * Enter in a one-line field or Ctrl+S saves (Enter on a dropdown does not); Esc and 取消 close it,
 * asking first when something was changed.
 */
export function openForm({ title, fields, submit, testid = 'form', saveLabel = t('save'), onReady = null, extra = null, row = null }) {
  return new Promise((resolve) => {
    const inputs = {};
    const errors = {};
    const formError = h('p', { class: 'form-error', testid: 'form-error', role: 'alert' });
    const rows = fields.map((f) => {
      const id = `f-${f.name}`;
      inputs[f.name] = input(f, id);
      errors[f.name] = h('p', { class: 'field-error', testid: `error-${f.name}`, role: 'alert' });
      const label = h('label', { for: id }, f.label, f.required ? h('span', { class: 'req' }, t('required_mark')) : null);
      const hint = f.hint ? h('p', { class: 'hint' }, f.hint) : null;
      return h('div', { class: `form-row ${f.type === 'textarea' ? 'wide' : ''}` }, label, inputs[f.name], hint, errors[f.name]);
    });
    const dialog = h('dialog', { class: 'form-dialog', testid });
    // Closing a form with changes (取消 or Esc) asks first: minutes half typed are not thrown away.
    let changed = false;
    const leave = async () => {
      if (!changed || await confirmDialog(t('discard_question'), t('discard'), null, t('keep_editing'))) dialog.close();
    };
    const cancel = h('button', { type: 'button', class: 'btn', testid: 'form-cancel', onclick: leave }, t('cancel'));
    const save = h('button', { type: 'submit', class: 'btn primary', testid: 'form-save' }, saveLabel);
    const form = h('form', { method: 'dialog' }, h('h2', {}, title), h('div', { class: 'form-grid' }, rows), extra, formError, h('div', { class: 'form-buttons' }, cancel, save));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      Object.values(errors).forEach((e) => (e.textContent = ''));
      formError.textContent = '';
      Object.values(inputs).forEach((i) => i.removeAttribute('aria-invalid'));
      save.disabled = true;
      try {
        const result = await submit(values(fields, inputs));
        // The saved record's row (test id `row`) takes focus when the list is drawn again.
        if (row && typeof result === 'number') focusNext(`[data-testid="${row}"][data-id="${result}"]`);
        dialog.close();
        resolve(result);
      } catch (err) {
        // An error on `group` belongs to the form's `group_id` (or `group_ids`) field when that is its name.
        const target = [err?.field, `${err?.field}_id`, `${err?.field}_ids`].find((name) => err?.field && errors[name]) ?? null;
        if (target) {
          const el = inputs[target].matches('div') ? inputs[target].querySelector('input') : inputs[target];
          errors[target].textContent = err.message;
          el.setAttribute('aria-invalid', 'true');
          el.focus();
        } else {
          formError.textContent = err?.message ?? String(err);
        }
      } finally {
        save.disabled = false;
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(undefined);
    });
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); leave(); });
    form.addEventListener('input', () => { changed = true; });
    form.addEventListener('change', () => { changed = true; });
    // Enter on a dropdown only chooses (it never saves: a record was once saved that way); Ctrl+S saves.
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target.tagName === 'SELECT') event.preventDefault();
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    dialog.append(form);
    document.body.append(dialog);
    dialog.showModal();
    (dialog.querySelector('input, select, textarea'))?.focus();
    if (onReady) onReady(inputs);
  });
}

function input(f, id) {
  const common = { id, name: f.name, testid: `field-${f.name}` };
  if (f.type === 'multiselect') return chipPicker(f, id);
  if (f.type === 'select') {
    const select = h('select', common, f.options.map(([value, label]) => h('option', { value }, label)));
    select.value = f.value ?? f.options[0]?.[0] ?? '';
    return select;
  }
  if (f.type === 'textarea') {
    const area = h('textarea', { ...common, rows: 3 });
    area.value = f.value ?? '';
    return area;
  }
  const el = h('input', {
    ...common,
    type: { number: 'number', password: 'password' }[f.type] ?? 'text',
    placeholder: f.type === 'date' ? t('date_hint') : f.placeholder,
    autocomplete: 'off',
  });
  el.value = f.value ?? '';
  if (f.type === 'date') el.addEventListener('change', () => { el.value = readDate(el.value); });
  if (f.suggestions?.length) {
    const listId = `${id}-list`;
    el.setAttribute('list', listId);
    return h('div', { class: 'with-list' }, el, h('datalist', { id: listId }, f.suggestions.map((v) => h('option', { value: v }))));
  }
  return el;
}

/**
 * Choosing several people: the chosen ones as chips (× takes one away), and a box that finds others by
 * name or pinyin initials (伍晓明 by "wxm") as it is typed; Enter or a click adds the first match.
 * `f.options` are [id, name, initials]; the chosen ids are kept on the element (`chosen`); with `f.max`
 * a new pick replaces the oldest beyond it (`max: 1` chooses one person).
 */
function chipPicker(f, id) {
  const byId = new Map(f.options.map(([value, label]) => [Number(value), label]));
  const chosen = (f.value ?? []).map(Number).filter((v) => byId.has(v));
  const chips = h('span', { class: 'picked-list' });
  const search = h('input', { id, type: 'text', autocomplete: 'off', testid: `field-${f.name}-search`, placeholder: t('picker_hint') });
  const matches = h('div', { class: 'picker-matches', testid: `field-${f.name}-matches`, role: 'listbox' });
  const wrap = h('div', { class: 'chip-picker', testid: `field-${f.name}` }, chips, search, matches);
  wrap.chosen = chosen;
  const changed = () => wrap.dispatchEvent(new Event('change', { bubbles: true }));
  const drawChips = () => fill(chips, chosen.map((v) => h('span', { class: 'picked', testid: 'picker-chip' }, byId.get(v),
    h('button', { type: 'button', class: 'picked-remove', 'aria-label': t('picker_remove', { name: byId.get(v) }),
      onclick: () => { chosen.splice(chosen.indexOf(v), 1); drawChips(); changed(); } }, '×'))));
  const found = () => {
    const q = search.value.trim().toLowerCase();
    if (!q) return [];
    return f.options.filter(([value, label, initials]) => !chosen.includes(Number(value))
      && (label.toLowerCase().includes(q) || (initials ?? '').startsWith(q))).slice(0, 8);
  };
  const pick = (value) => {
    if (f.max && chosen.length >= f.max) chosen.splice(0, chosen.length - f.max + 1);
    chosen.push(Number(value));
    search.value = '';
    fill(matches);
    drawChips();
    changed();
    search.focus();
  };
  search.addEventListener('input', () => fill(matches, found().map(([value, label]) =>
    h('button', { type: 'button', class: 'picker-option', testid: 'picker-option', role: 'option', onclick: () => pick(value) }, label))));
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // Enter here picks; it does not save the form
    const first = found()[0];
    if (first) pick(first[0]);
  });
  drawChips();
  return wrap;
}

/** A date typed as 2024/3/5, 2024.3.5 or 2024年3月5日 shown back as the 2024-03-05 it was read as (the
 * same forms the core accepts); anything else is left for the core to refuse with a sentence. */
export function readDate(text) {
  const m = /^\s*(\d{4})\s*[-/.／年]\s*(\d{1,2})\s*[-/.／月]\s*(\d{1,2})\s*[日号]?\s*$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

function values(fields, inputs) {
  const out = {};
  for (const f of fields) {
    if (f.type === 'multiselect') { out[f.name] = [...inputs[f.name].chosen]; continue; }
    const el = inputs[f.name].matches('div') ? inputs[f.name].querySelector('input') : inputs[f.name];
    const raw = el.value;
    if (f.type === 'list') out[f.name] = raw.split(/[,，、;；]/).map((v) => v.trim()).filter(Boolean);
    else if (f.type === 'number') out[f.name] = raw === '' ? null : Number(raw);
    else if (f.type === 'select' && f.numeric) out[f.name] = raw === '' ? null : Number(raw);
    else out[f.name] = raw;
  }
  return out;
}

/** A yes/no question in a modal (with optional extra content); resolves true when confirmed. */
export function confirmDialog(message, confirmLabel = t('confirm'), extra = null, cancelLabel = t('cancel')) {
  return new Promise((resolve) => {
    let answer = false;
    const dialog = h('dialog', { class: 'confirm-dialog', testid: 'confirm-dialog' });
    const no = h('button', { type: 'button', class: 'btn', testid: 'confirm-no', onclick: () => dialog.close() }, cancelLabel);
    const yes = h('button', { type: 'button', class: 'btn danger', testid: 'confirm-yes', onclick: () => { answer = true; dialog.close(); } }, confirmLabel);
    fill(dialog, h('p', {}, message), extra, h('div', { class: 'form-buttons' }, no, yes));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(answer); });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/**
 * A record as it is, read-only, with 编辑 and 关闭: what a list row or a search result opens. `items` are
 * [label, value, wide] (empty values are left out; a wide one keeps its line breaks).
 */
export function showRecord({ title, testid = 'record-view', items, onEdit, actions = null }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'record-dialog', testid });
    const close = h('button', { type: 'button', class: 'btn', testid: 'record-close', onclick: () => dialog.close() }, t('close'));
    const edit = h('button', { type: 'button', class: 'btn primary', testid: 'record-edit', onclick: () => { dialog.close(); onEdit(); } }, t('edit'));
    const shown = items.filter(([, value]) => value !== null && value !== undefined && value !== '');
    fill(dialog, h('h2', { testid: 'record-title' }, title),
      h('div', { class: 'record-fields' }, shown.map(([label, value, wide]) =>
        h('div', { class: `kv ${wide ? 'wide' : ''}` }, h('span', { class: 'k' }, label), h('span', { class: 'v' }, value)))),
      actions ? h('div', { class: 'record-actions', testid: 'record-actions' }, actions) : null,
      h('div', { class: 'form-buttons' }, close, edit));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(); });
    document.body.append(dialog);
    dialog.showModal();
    edit.focus();
  });
}
