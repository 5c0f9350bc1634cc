// 设置: language, committee term length, where the data lives, versions and record counts.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, fill, toast, confirmDialog } from '../dom.js';

export default async function settings(main, { status, reloadAll }) {
  const info = await api.ledgerInfo();
  const years = h('input', { type: 'number', min: 1, max: 10, id: 'term-years', testid: 'term-years', 'aria-label': t('settings_term_years'), value: status.term_years });
  const yearsError = h('p', { class: 'field-error', testid: 'error-term_years', role: 'alert' });
  const saveYears = async (event) => {
    event.preventDefault();
    yearsError.textContent = '';
    try {
      await api.setTermYears(Number(years.value));
      status.term_years = Number(years.value);
      toast(t('saved'));
    } catch (err) {
      yearsError.textContent = err.message;
    }
  };
  const branch = h('input', { type: 'text', id: 'branch-name', testid: 'branch-name', 'aria-label': t('settings_branch_name'), value: status.branch_name ?? '' });
  const branchError = h('p', { class: 'field-error', testid: 'error-branch_name', role: 'alert' });
  const saveBranch = async (event) => {
    event.preventDefault();
    branchError.textContent = '';
    try {
      status.branch_name = await api.setBranchName(branch.value);
      branch.value = status.branch_name;
      toast(t('saved'));
    } catch (err) {
      branchError.textContent = err.message;
    }
  };
  const row = (label, value, testid) => h('div', { class: 'kv' }, h('span', { class: 'k' }, label), h('span', { class: 'v', testid }, value));
  const counts = info.counts.map((c) => row(lang() === 'zh' ? c.label_zh : c.label_en,
    c.trashed ? t('aside', { main: c.live, note: t('settings_in_trash', { n: c.trashed }) }) : String(c.live), `info-${c.table}`));
  const clearError = h('p', { class: 'field-error', testid: 'error-demo-clear', role: 'alert' });
  // 清空示例，开始使用: asked first; the demo is kept as a copy beside the ledger.
  const clearDemo = async () => {
    clearError.textContent = '';
    if (!await confirmDialog(t('demo_clear_confirm'), t('demo_clear'))) return;
    try {
      const cleared = await api.demoClear();
      toast(t('demo_cleared', { copy: cleared.copy }));
      await reloadAll();
    } catch (err) {
      clearError.textContent = err.message;
    }
  };
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('settings_title'))),
    h('div', { class: 'settings', testid: 'view-settings' },
      status.demo ? h('section', { class: 'card', testid: 'demo-card' },
        h('h2', {}, t('demo_card_title')),
        h('p', {}, t('demo_card_text')),
        h('button', { class: 'btn danger', testid: 'demo-clear', onclick: clearDemo }, t('demo_clear')),
        clearError) : null,
      h('section', { class: 'card' },
        h('h2', {}, t('settings_branch_name')),
        h('form', { class: 'inline-form', onsubmit: saveBranch },
          branch, h('button', { type: 'submit', class: 'btn primary', testid: 'branch-name-save' }, t('save'))),
        branchError,
        h('p', { class: 'hint' }, t('settings_branch_name_hint'))),
      h('section', { class: 'card' },
        h('h2', {}, t('settings_language')),
        h('div', { class: 'segmented' },
          ['zh', 'en'].map((code) => h('button', {
            class: `btn ${lang() === code ? 'primary' : ''}`, testid: `lang-${code}`,
            onclick: () => lang() !== code && document.querySelector('[data-testid="lang-toggle"]').click(),
          }, code === 'zh' ? '中文' : 'English')))),
      h('section', { class: 'card' },
        h('h2', {}, t('settings_data')),
        row(t('settings_data_dir'), status.data_dir, 'data-dir'),
        row(t('settings_data_file'), info.path, 'data-file'),
        h('p', { class: 'hint' }, t(`settings_source_${status.data_source}`))),
      h('section', { class: 'card', testid: 'about' },
        h('h2', {}, t('settings_about')),
        h('p', {}, t('settings_about_text')),
        row(t('settings_version'), info.app_version, 'app-version'),
        row(t('settings_schema'), String(info.schema_version), 'schema-version'),
        row(t('settings_licence'), t('settings_licence_text', { licence: info.licence }), 'licence')),
      h('section', { class: 'card' },
        h('h2', {}, t('settings_term_years')),
        h('form', { class: 'inline-form', onsubmit: saveYears },
          years, h('button', { type: 'submit', class: 'btn primary', testid: 'term-years-save' }, t('save'))),
        yearsError,
        h('p', { class: 'hint' }, t('settings_term_years_hint'))),
      h('section', { class: 'card' },
        h('h2', {}, t('settings_counts')),
        counts)));
}
