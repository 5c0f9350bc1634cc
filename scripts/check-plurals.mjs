// English counts follow Intl.PluralRules in the window ("1 day", "2 days"); Chinese has one form.
// Run with: node scripts/check-plurals.mjs
import assert from 'node:assert/strict';

globalThis.document = { documentElement: {} };
const { t, setLang } = await import('../ui/js/i18n.js');

setLang('en');
assert.equal(t('days_n', { n: 1 }), '1 day');
assert.equal(t('days_n', { n: 0 }), '0 days');
assert.equal(t('days_n', { n: 14 }), '14 days');
assert.equal(t('books_overdue', { n: 1 }), '1 book is overdue:');
assert.equal(t('books_overdue', { n: 3 }), '3 books are overdue:');
assert.equal(
  t('import_summary_bad', { ok: 1, bad: 2 }).slice(0, 36),
  '1 row is fine and 2 have problems (i',
);
assert.equal(t('import_done', { titles: 2, copies: 1 }), 'Imported 2 titles and 1 copy.');
setLang('zh');
assert.equal(t('days_n', { n: 1 }), '1 天');
console.log('plurals: "1 day", "14 days", "1 book is overdue", Chinese unchanged');
