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

/** The text for `key`, with `{name}` placeholders filled from `params`. Counts follow the language's
 * plural rules (`Intl.PluralRules`), in two ways: a whole sentence per form, as `key_one` beside `key`
 * (chosen by `params.n`: "1 was admitted" / "3 were admitted"), and a word per form inside the text,
 * `{name one|other}`, which prints the number and the word its form needs ("{days day|days}" gives
 * "1 day", "5 days"). Chinese has one form, so its texts need neither. */
export function t(key, params = {}) {
  const table = tables[current];
  const form = typeof params.n === 'number' ? table[`${key}_${plural(params.n)}`] : undefined;
  const text = form ?? table[key] ?? tables.zh[key] ?? key;
  return text.replace(/\{(\w+)(?: ([^|}]*)\|([^}]*))?\}/g, (_, name, one, other) => {
    const value = params[name] ?? '';
    if (one === undefined) return String(value);
    return `${value} ${plural(Number(value)) === 'one' ? one : other}`;
  });
}

/** The plural category of `n` in the current language ('one', 'other', …). */
export function plural(n) {
  return new Intl.PluralRules(current === 'zh' ? 'zh-CN' : 'en').select(n);
}
