// The keyboard's help panel (F1 or ?): every key that works everywhere, and those of the forms.
import { t } from '../i18n.js';
import { h } from '../dom.js';

const KEYS = [
  ['Ctrl+K', 'keys_search'],
  ['Alt+N', 'keys_new_activity'],
  ['Alt+L', 'keys_lend'],
  ['Ctrl+S', 'keys_save'],
  ['Esc', 'keys_close'],
  ['Enter', 'keys_open_row'],
  ['← →', 'keys_tabs'],
  ['Ctrl+= / Ctrl+-', 'keys_zoom'],
  ['Ctrl+0', 'keys_zoom_reset'],
  ['F1 / ?', 'keys_help'],
];

export function showKeys() {
  const dialog = h('dialog', { class: 'record-dialog', testid: 'keys-dialog', 'aria-labelledby': 'keys-title' });
  const close = h('button', { type: 'button', class: 'btn', testid: 'keys-close', onclick: () => dialog.close() }, t('close'));
  dialog.append(
    h('h2', { id: 'keys-title' }, t('keys_title')),
    h('table', { class: 'keys' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('keys_col_key')), h('th', { scope: 'col' }, t('keys_col_does')))),
      h('tbody', {}, KEYS.map(([key, what]) => h('tr', {}, h('td', {}, h('kbd', {}, key)), h('td', {}, t(what)))))),
    h('div', { class: 'form-buttons' }, close));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}
