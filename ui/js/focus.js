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
