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

/** The text for `key`, with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = tables[current][key] ?? tables.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}
