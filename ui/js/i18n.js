// The current language and the lookup of interface text. Views never hold text of their own.
import zh from './lang/zh.js';
import en from './lang/en.js';

const tables = { zh, en };
let current = 'zh';

export function setLang(lang) {
  current = tables[lang] ? lang : 'zh';
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
}

export function lang() {
  return current;
}

/** The text for `key`, with `{name}` placeholders filled from `params`. When `params.n` is 1 and the
 * table has `key_one` (English singulars: "1 suggestion", not "1 suggestion(s)"), that text is used. */
export function t(key, params = {}) {
  const one = params.n === 1 ? tables[current][`${key}_one`] : undefined;
  const text = one ?? tables[current][key] ?? tables.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}
