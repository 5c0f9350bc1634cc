// Which record the next screen should open: set by the search box, taken once by the view it leads to.
let pending = null;

/** Asks the view that shows `kind` records to open record `id` when it is next drawn. */
export function focusOn(kind, id) {
  pending = { kind, id };
}

/** The id waiting for `kind`, once (later calls get null). */
export function takeFocus(kind) {
  if (pending?.kind !== kind) return null;
  const { id } = pending;
  pending = null;
  return id;
}

let draft = null;

/** Asks the view that shows `kind` records to open a new one's form, filled with `values`, when it is
 * next drawn (a reminder on the home screen opens the form that resolves it). */
export function draftFor(kind, values) {
  draft = { kind, values };
}

/** The values waiting for a new `kind` record, once (later calls get null). */
export function takeDraft(kind) {
  if (draft?.kind !== kind) return null;
  const { values } = draft;
  draft = null;
  return values;
}
