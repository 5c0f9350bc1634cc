// The coded values (stages, positions, kinds, states …) and their labels, as the core sends them
// (core/src/vocabulary.rs): the window, the exports and the error messages name them alike, and the
// language files keep only the interface's own text.
import { lang } from './i18n.js';

let lists = {};

export function setVocabulary(vocabulary) {
  lists = vocabulary;
}

/** The codes of one list (`'stage'`, `'activity_kind'` …) in the order forms show them. */
export function codes(name) {
  return (lists[name] ?? []).map((term) => term.code);
}

/** The label of `code` in the current language; English labels start with a capital when they stand
 * alone (the core keeps them lower-case for use inside sentences). */
export function label(name, code) {
  const term = (lists[name] ?? []).find((x) => x.code === code);
  if (!term) return code ?? '';
  return lang() === 'zh' ? term.zh : term.en.charAt(0).toUpperCase() + term.en.slice(1);
}

/** `[code, label]` pairs for a select, optionally only some codes. */
export function options(name, only = null) {
  return codes(name).filter((c) => !only || only.includes(c)).map((c) => [c, label(name, c)]);
}
