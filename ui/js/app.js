// Start-up and navigation: ask the Rust side how things stand, then show the start-up error, the
// first-run welcome, or the main window with its left navigation.
import * as api from './api.js';
import { t, setLang, lang } from './i18n.js';
import { h, clear, showError, toast } from './dom.js';
import { keepFocus, place, draftFor } from './focus.js';
import { showKeys } from './views/keys.js';
import welcome from './views/welcome.js';
import roster from './views/roster.js';
import organisation from './views/organisation.js';
import trash from './views/trash.js';
import activities from './views/activities.js';
import dashboard from './views/dashboard.js';
import backup from './views/backup.js';
import bulletins from './views/bulletins.js';
import suggestions from './views/suggestions.js';
import bookshelf from './views/bookshelf.js';
import honours from './views/honours.js';
import dues from './views/dues.js';
import appraisals from './views/appraisals.js';
import admission from './views/admission.js';
import summary from './views/summary.js';
import settings from './views/settings.js';
import { openSearch } from './views/search.js';
import { canShowChinese } from './fonts.js';
import { setVocabulary } from './vocabulary.js';

const views = { dashboard, roster, activities, bulletins, suggestions, bookshelf, honours, dues, appraisals, admission, summary, organisation, backup, trash, settings };
let status = null;
let current = 'dashboard';
const chineseFont = canShowChinese();

async function boot() {
  try {
    setVocabulary(await api.vocabulary());
    status = await api.appStatus();
    if (!chineseFont && status.language === 'zh' && !status.error) {
      // Boxes instead of Chinese text help nobody: English until a Chinese font is installed.
      status.language = await api.setLanguage('en');
    }
    setLang(status.language);
    applyZoom(status.zoom ?? 100);
    render();
  } catch (err) {
    showError(err);
  }
}

function render() {
  document.title = t('app_name');
  const app = clear(document.getElementById('app'));
  if (!chineseFont) app.append(fontMissing());
  if (status.error) {
    app.append(startupError());
  } else if (status.first_run) {
    app.append(welcome({ onDone: boot }), h('div', { class: 'corner' }, languageButton()));
  } else {
    const main = h('main', { id: 'main', testid: 'main' });
    app.append(navigation(), main);
    show(current, true);
  }
}

function startupError() {
  return h('section', { class: 'startup-error', testid: 'startup-error' },
    h('h1', {}, t('startup_title')),
    h('p', { class: 'message', testid: 'startup-message' }, status.error.message),
    h('p', { class: 'muted' }, t('startup_path'), status.data_dir),
    languageButton());
}

/** Always in English: without a Chinese font, Chinese text would be boxes. */
function fontMissing() {
  return h('p', { class: 'banner font-missing', testid: 'font-missing', role: 'alert' }, t('font_missing_en'));
}

function navigation() {
  const items = Object.keys(views).map((name) =>
    h('button', {
      class: `nav-item ${name === current ? 'active' : ''}`,
      testid: `nav-${name}`,
      'aria-current': name === current ? 'page' : null,
      onclick: () => goTo(name),
    }, t(`nav_${name}`)));
  return h('nav', { class: 'sidebar', testid: 'nav' },
    h('div', { class: 'brand' }, h('img', { src: 'icon.svg', alt: '' }), h('span', {}, t('app_name'))),
    h('button', { class: 'nav-search', testid: 'nav-search', onclick: () => openSearch(goTo) }, t('search_button'), h('kbd', {}, 'Ctrl+K')),
    h('div', { class: 'nav-items' }, items),
    h('div', { class: 'nav-foot' },
      h('button', { class: 'btn nav-keys', testid: 'nav-keys', onclick: showKeys }, t('keys_button')),
      languageButton()));
}

function languageButton() {
  return h('button', { class: 'btn lang-toggle', testid: 'lang-toggle', onclick: toggleLanguage }, t('lang_toggle'));
}

async function toggleLanguage() {
  try {
    const next = lang() === 'zh' ? 'en' : 'zh';
    await api.setLanguage(next);
    status.language = next;
    setLang(next);
    render();
  } catch (err) {
    showError(err);
  }
}

/** Draws screen `name`; a new screen (not one drawn again after a change) puts focus on its heading. */
async function show(name, fresh = false) {
  const main = document.getElementById('main');
  clear(main).append(h('p', { class: 'muted' }, t('loading')));
  try {
    await views[name](main, { status, refresh: () => show(name), reloadAll: () => { current = 'roster'; return boot(); }, go: goTo });
    const heading = main.querySelector('h1');
    if (fresh && heading && !document.querySelector('dialog[open]')) place(heading);
  } catch (err) {
    showError(err);
  }
}

function goTo(view) {
  current = view;
  const main = document.getElementById('main');
  if (!main) return render();
  // Only the menu's marks change; the screen is drawn anew.
  for (const item of document.querySelectorAll('.nav-item')) {
    const here = item.dataset.testid === `nav-${view}`;
    item.classList.toggle('active', here);
    if (here) item.setAttribute('aria-current', 'page'); else item.removeAttribute('aria-current');
  }
  show(view, true);
}

// ——— Zoom: Ctrl+= / Ctrl+- in 10 % steps from 80 % to 200 %, Ctrl+0 back to 100 %, remembered ———

let zoom = 100;

function applyZoom(percent) {
  zoom = percent;
  document.documentElement.style.setProperty('--zoom', String(percent / 100));
}

async function zoomTo(percent) {
  const next = Math.min(200, Math.max(80, percent));
  if (next === zoom) return;
  applyZoom(next);
  try {
    await api.setZoom(next);
    toast(t('zoom_now', { percent: next }), 'ok', 'zoom');
  } catch (err) {
    showError(err);
  }
}

// ——— Keys that work on every screen (F1 lists them) ———

const ready = () => status && !status.error && !status.first_run;
const typing = (el) => el && (el.matches('input, textarea, select') || el.isContentEditable);

document.addEventListener('keydown', (event) => {
  const ctrl = event.ctrlKey || event.metaKey;
  const dialogOpen = !!document.querySelector('dialog[open]');
  let done = true;
  if (ctrl && ['=', '+'].includes(event.key)) zoomTo(zoom + 10);
  else if (ctrl && event.key === '-') zoomTo(zoom - 10);
  else if (ctrl && event.key === '0') zoomTo(100);
  else if (!ready() || dialogOpen) done = false;
  else if (ctrl && ['k', 'f'].includes(event.key.toLowerCase())) openSearch(goTo);
  else if (event.altKey && event.key.toLowerCase() === 'n') { draftFor('activity', {}); goTo('activities'); }
  else if (event.altKey && event.key.toLowerCase() === 'l') { draftFor('loan', {}); goTo('bookshelf'); }
  else if (event.key === 'F1' || (event.key === '?' && !typing(event.target))) showKeys();
  else done = false;
  if (done) event.preventDefault();
});

keepFocus(document.getElementById('app'));
boot();
