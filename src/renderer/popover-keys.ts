// The popover's keyboard, as a Mac menu behaves: Escape closes it, the up and down arrows
// (and Home / End) move through its actions, and focus starts on the first action when it
// opens. A focused chart keeps its own keys (left/right readings, Escape clears a reading):
// a key it handled arrives here already marked defaultPrevented.

/** The actions arrows move through: every enabled button, in the order they are drawn. */
function actions(panel: HTMLElement): HTMLElement[] {
  return [...panel.querySelectorAll<HTMLElement>('button:not(:disabled)')].filter((element) => element.getClientRects().length > 0);
}

/** Focuses the first action without the focus ring a keyboard user would expect: a pointer
 *  opened the popover, and a highlighted row would read as the pointer resting on it. */
export function focusFirstAction(panel: HTMLElement): void {
  const [first] = actions(panel);
  first?.focus({ preventScroll: true, focusVisible: false } as FocusOptions);
}

function next(items: readonly HTMLElement[], from: Element | null, key: string): HTMLElement | undefined {
  if (key === 'Home') return items[0];
  if (key === 'End') return items.at(-1);
  const down = key === 'ArrowDown';
  const index = from === null ? -1 : items.indexOf(from as HTMLElement);
  if (index !== -1) return items[(index + (down ? 1 : -1) + items.length) % items.length];
  // Focus on something that is not an action (a chart, nothing): the nearest action that way.
  if (from === null || from === document.body) return down ? items[0] : items.at(-1);
  const following = (item: HTMLElement) => (from.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  return down ? (items.find(following) ?? items[0]) : ([...items].reverse().find((item) => !following(item)) ?? items.at(-1));
}

export function installMenuKeys(panel: HTMLElement, close: () => void): void {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return;
    }
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const target = next(actions(panel), document.activeElement, event.key);
    if (target === undefined) return;
    event.preventDefault();
    target.focus();
  });
}
