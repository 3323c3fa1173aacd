// Form pieces in the style of macOS System Settings: titled groups of rows, each row a label
// (with an optional explanation) on the left and its control on the right.
import { h } from './dom.js';

export interface Option<V extends string> {
  readonly value: V;
  readonly label: string;
}

export function group(id: string, title: string | null, rows: readonly (Node | null)[], footer: string | null = null): HTMLElement {
  const headingId = `${id}-heading`;
  return h(
    'section',
    { class: 'group', id, 'aria-labelledby': title === null ? null : headingId },
    title === null ? null : h('h3', { class: 'group-title', id: headingId }, title),
    h('div', { class: 'group-box' }, ...rows),
    footer === null ? null : h('p', { class: 'group-footer' }, footer),
  );
}

export interface RowOptions {
  readonly label: string;
  /** The control's id: the label points at it. */
  readonly for?: string;
  readonly help?: string | null;
  readonly control?: Node | null;
  /** A problem with this row's value, shown under it and tied to the control. */
  readonly error?: string | null;
  readonly wide?: boolean;
}

export function row({ label, for: controlId, help = null, control = null, error = null, wide = false }: RowOptions): HTMLElement {
  const text = h(
    'div',
    { class: 'row-text' },
    controlId === undefined ? h('span', { class: 'row-label' }, label) : h('label', { class: 'row-label', for: controlId }, label),
    help === null ? null : h('p', { class: 'row-help', id: controlId === undefined ? null : `${controlId}-help` }, help),
    error === null ? null : h('p', { class: 'row-error', id: controlId === undefined ? null : `${controlId}-error`, role: 'alert' }, error),
  );
  if (controlId !== undefined && control instanceof HTMLElement) {
    const described = [help === null ? null : `${controlId}-help`, error === null ? null : `${controlId}-error`].filter((x) => x !== null);
    if (described.length > 0) control.setAttribute('aria-describedby', described.join(' '));
    if (error !== null) control.setAttribute('aria-invalid', 'true');
  }
  return h('div', { class: wide ? 'row wide' : 'row' }, text, control === null ? null : h('div', { class: 'row-control' }, control));
}

export function switchInput(id: string, checked: boolean, onChange: (checked: boolean) => void): HTMLInputElement {
  const input = h('input', { type: 'checkbox', role: 'switch', class: 'switch', id, onchange: () => onChange(input.checked) });
  input.checked = checked;
  return input;
}

export function selectInput<V extends string>(id: string, options: readonly Option<V>[], value: V, onChange: (value: V) => void): HTMLSelectElement {
  const select = h('select', { class: 'select', id, onchange: () => onChange(select.value as V) }, ...options.map((option) => h('option', { value: option.value }, option.label)));
  select.value = value;
  return select;
}

export function button(label: string, onClick: () => void, options: { id?: string; primary?: boolean; disabled?: boolean } = {}): HTMLButtonElement {
  return h('button', { type: 'button', class: options.primary ? 'button primary' : 'button', id: options.id ?? null, disabled: options.disabled ?? false, onclick: onClick }, label);
}

/** The button that deletes something, red and named by its verb, as in a macOS alert. */
export function destructiveButton(label: string, onClick: () => void, id: string): HTMLButtonElement {
  return h('button', { type: 'button', class: 'button destructive', id, onclick: onClick }, label);
}

export function buttons(...items: (HTMLElement | null)[]): HTMLElement {
  return h('div', { class: 'buttons' }, ...items);
}

/** A secret's input: typed text is never echoed, never read back from the app. */
export function secretInput(id: string, placeholder: string, onSubmit: (value: string) => void): HTMLInputElement {
  const input = h('input', {
    type: 'password',
    class: 'text-field',
    id,
    placeholder,
    autocomplete: 'off',
    spellcheck: 'false',
    'data-draft': '',
    onkeydown: (event: Event) => {
      if ((event as KeyboardEvent).key === 'Enter') onSubmit(input.value);
    },
  });
  return input;
}

export function textInput(id: string, value: string, placeholder: string, onCommit: (value: string) => void): HTMLInputElement {
  const input = h('input', { type: 'text', class: 'text-field', id, placeholder, spellcheck: 'false', 'data-draft': '', onchange: () => onCommit(input.value.trim()) });
  input.value = value;
  return input;
}

/** Empties a field by id: the pane may have been redrawn (with the draft kept) since the
 *  element that started the action was made. */
export function clearField(id: string): void {
  const field = document.getElementById(id);
  if (field instanceof HTMLInputElement) field.value = '';
}
