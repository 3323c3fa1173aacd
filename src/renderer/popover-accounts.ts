// Several accounts in the popover, as an accordion: every enabled account has a heading with a
// button, in the settings' order; the selected account's is expanded over the cards of today,
// the others are one compact row each (name, the 5-hour and weekly figures with a mini bar, the
// next reset). Pressing a row (click, Enter or Space) expands it — selects that account. The
// expanded heading cannot be collapsed (one account is always shown in full), so its button is
// aria-disabled, as the WAI-ARIA accordion pattern has it.
import type { AccountRowView } from './account-row-view.js';
import { h, icon } from './dom.js';

const CHEVRON = ['M6 4l4 4-4 4'];
const WARNING = ['M8 2.2 14.3 13.3H1.7Z', 'M8 6.4v3.3', 'M8 11.5v.1'];

/** The id of an account's heading button: stable across redraws, so focus stays on it. */
export function accountRowId(accountId: string): string {
  return `account-row-${accountId}`;
}

export const EXPANDED_PANEL_ID = 'account-panel';

export interface AccountBlockOptions {
  readonly view: AccountRowView;
  readonly expanded: boolean;
  /** The expanded account's cards (or its welcome, its empty state); ignored when collapsed. */
  readonly content: readonly HTMLElement[];
  /** The expanded account's numbers are old: its cards dim as a single account's do. */
  readonly stale: boolean;
  readonly onSelect: (accountId: string) => void;
}

export function accountBlock({ view, expanded, content, stale, onSelect }: AccountBlockOptions): HTMLElement {
  const id = accountRowId(view.id);
  const button = h(
    'button',
    {
      type: 'button',
      class: `account-row${view.stale ? ' stale' : ''}`,
      id,
      'data-account': view.id,
      'aria-expanded': String(expanded),
      'aria-disabled': expanded ? 'true' : null,
      'aria-controls': expanded ? EXPANDED_PANEL_ID : null,
      // Read when pressed, not when drawn: a redraw may keep this very button (showAccountBlocks).
      onclick: (event: Event) => {
        if ((event.currentTarget as HTMLElement).getAttribute('aria-expanded') !== 'true') onSelect(view.id);
      },
    },
    icon(CHEVRON, 'icon row-chevron'),
    h('span', { class: 'row-name' }, view.name),
    // Expanded, the cards below say the numbers: the heading shows only a problem, if any.
    ...(expanded ? (view.status?.error ? [status(view.status.text, true)] : []) : rowFacts(view)),
    h('span', { id: `${id}-facts`, hidden: true }, expanded ? (view.status?.error ? view.status.text : '') : view.description),
  );
  // Its name is the account's name, as shown (what voice control says to press); what the
  // row's short forms show ("5h", "↻ 2h 13m") is read out in whole words as its description.
  if (!expanded || view.status?.error) button.setAttribute('aria-describedby', `${id}-facts`);
  const heading = h('h2', { class: 'account-heading' }, button);
  if (!expanded) return h('div', { class: 'account' }, heading);
  return h(
    'div',
    { class: 'account expanded' },
    heading,
    h('div', { class: `account-panel${stale ? ' stale' : ''}`, id: EXPANDED_PANEL_ID, role: 'region', 'aria-labelledby': id }, ...content),
  );
}

/** Puts the accounts' blocks in the popover. When the same accounts are listed in the same
 *  order with the same one expanded, the heading buttons stay the very same elements and only
 *  what is in them changes: new numbers arrive for one account or another every few seconds,
 *  and a button replaced between a key's press and its release (Space acts on the release)
 *  would lose the press. */
export function showAccountBlocks(container: HTMLElement, blocks: readonly HTMLElement[]): void {
  const shown = [...container.children];
  const sameShape = shown.length === blocks.length && blocks.every((block, index) => shapeOf(block) === shapeOf(shown[index]!));
  if (!sameShape) return container.replaceChildren(...blocks);
  blocks.forEach((block, index) => updateBlock(shown[index]!, block));
}

/** Which account a block is for and whether it is expanded ('' for anything else). */
function shapeOf(block: Element): string {
  const row = block.querySelector('.account-row');
  return row === null ? '' : `${row.id} ${row.getAttribute('aria-expanded')}`;
}

function updateBlock(shown: Element, fresh: Element): void {
  shown.className = fresh.className;
  for (const selector of ['.account-row', `#${EXPANDED_PANEL_ID}`]) {
    const target = shown.querySelector(selector);
    const source = fresh.querySelector(selector);
    if (target === null || source === null) continue;
    for (const name of target.getAttributeNames()) if (!source.hasAttribute(name)) target.removeAttribute(name);
    for (const name of source.getAttributeNames()) target.setAttribute(name, source.getAttribute(name)!);
    target.replaceChildren(...source.childNodes);
  }
}

/** The row's facts for the eye (the description says them in words). */
function rowFacts(view: AccountRowView): HTMLElement[] {
  if (view.status !== null) return [status(view.status.text, view.status.error)];
  return [
    ...view.figures.map((figure) => {
      const fill = h('span', { class: `mini-fill ${figure.level}` });
      fill.style.width = `${figure.fillPercent}%`;
      return h(
        'span',
        { class: 'row-figure', 'data-figure': figure.id, 'aria-hidden': 'true' },
        h('span', { class: 'row-figure-label' }, figure.label),
        h('span', { class: 'mini' }, fill),
        h('span', { class: 'row-figure-value' }, figure.figure),
      );
    }),
    h('span', { class: 'row-reset', 'aria-hidden': 'true' }, view.reset ?? ''),
  ];
}

function status(text: string, error: boolean): HTMLElement {
  return h('span', { class: error ? 'row-status error' : 'row-status', 'aria-hidden': 'true' }, error ? icon(WARNING, 'icon row-status-icon') : null, text);
}

/** The time-dependent parts of a collapsed row, redrawn on a countdown tick in place. */
export function updateRowTimes(button: HTMLElement, view: AccountRowView): void {
  const reset = button.querySelector('.row-reset');
  if (reset !== null) reset.textContent = view.reset ?? '';
  const facts = document.getElementById(`${button.id}-facts`);
  if (facts !== null && button.getAttribute('aria-expanded') === 'false') facts.textContent = view.description;
}
