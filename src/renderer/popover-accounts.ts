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
      onclick: () => {
        if (!expanded) onSelect(view.id);
      },
    },
    icon(CHEVRON, 'icon row-chevron'),
    h('span', { class: 'row-name' }, view.name),
    // Expanded, the cards below say the numbers: the heading is the name (and a problem, if any).
    ...(expanded ? (view.status?.error ? [spokenBreak(view), status(view.status.text, true)] : []) : rowFacts(view)),
  );
  const heading = h('h2', { class: 'account-heading' }, button);
  if (!expanded) return h('div', { class: 'account' }, heading);
  return h(
    'div',
    { class: 'account expanded' },
    heading,
    h('div', { class: `account-panel${stale ? ' stale' : ''}`, id: EXPANDED_PANEL_ID, role: 'region', 'aria-labelledby': id }, ...content),
  );
}

/** The row's facts. Its short forms ("5h", "↻ 2h 13m") are for the eye; a screen reader gets
 *  the whole words in their place, so the button's name is the text it shows, read out fully. */
function rowFacts(view: AccountRowView): HTMLElement[] {
  if (view.status !== null) return [spokenBreak(view), status(view.status.text, view.status.error)];
  return [
    ...view.figures.flatMap((figure) => {
      const fill = h('span', { class: `mini-fill ${figure.level}` });
      fill.style.width = `${figure.fillPercent}%`;
      return [
        h('span', { class: 'sr-only' }, `${view.separator}${figure.spoken}`),
        h(
          'span',
          { class: 'row-figure', 'data-figure': figure.id, 'aria-hidden': 'true' },
          h('span', { class: 'row-figure-label' }, figure.label),
          h('span', { class: 'mini' }, fill),
          h('span', { class: 'row-figure-value' }, figure.figure),
        ),
      ];
    }),
    h('span', { class: 'sr-only row-reset-spoken' }, view.resetSpoken === null ? '' : `${view.separator}${view.resetSpoken}`),
    h('span', { class: 'row-reset', 'aria-hidden': 'true' }, view.reset ?? ''),
  ];
}

/** The pause between the name and what follows, for a screen reader. */
function spokenBreak(view: AccountRowView): HTMLElement {
  return h('span', { class: 'sr-only' }, view.separator);
}

function status(text: string, error: boolean): HTMLElement {
  return h('span', { class: error ? 'row-status error' : 'row-status' }, error ? icon(WARNING, 'icon row-status-icon') : null, text);
}

/** The time-dependent parts of a collapsed row, redrawn on a countdown tick in place. */
export function updateRowTimes(button: HTMLElement, view: AccountRowView): void {
  const reset = button.querySelector('.row-reset');
  if (reset !== null) reset.textContent = view.reset ?? '';
  const spoken = button.querySelector('.row-reset-spoken');
  if (spoken !== null) spoken.textContent = view.resetSpoken === null ? '' : `${view.separator}${view.resetSpoken}`;
}
