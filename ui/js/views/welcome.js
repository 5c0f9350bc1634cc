// First run on an empty ledger: load the demo branch, or start empty.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, showError, toast } from '../dom.js';
import { restoreFromFile } from './backup.js';

export default function welcome({ onDone }) {
  const choose = (demo) => async (event) => {
    event.target.disabled = true;
    try {
      await api.firstRunChoice(demo);
      if (demo) toast(t('welcome_demo_loaded'));
      onDone();
    } catch (err) {
      event.target.disabled = false;
      showError(err);
    }
  };
  return h('section', { class: 'welcome', testid: 'welcome' },
    h('img', { src: 'icon.svg', alt: '', class: 'welcome-icon' }),
    h('h1', {}, t('welcome_title')),
    h('p', {}, t('welcome_text')),
    h('div', { class: 'welcome-buttons' },
      h('button', { class: 'btn primary big', testid: 'welcome-demo', onclick: choose(true) }, t('welcome_demo')),
      h('button', { class: 'btn big', testid: 'welcome-empty', onclick: choose(false) }, t('welcome_empty'))),
    // The commonest first start on a new computer: the old one's ledger, from its USB backup.
    h('p', { class: 'welcome-restore' }, t('welcome_restore_text'), ' ',
      h('button', { class: 'btn', testid: 'welcome-restore', onclick: () => restoreFromFile(onDone) }, t('welcome_restore'))));
}
