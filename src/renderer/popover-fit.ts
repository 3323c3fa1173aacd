// The popover window fits its content: the page measures the height it needs (the cards at
// their full height, however much the window shows now) and tells the shell, which sizes the
// window within the screen. What still does not fit scrolls, and the scrolling edge fades so a
// card cut in half reads as "more below", not as the end.
import { POPOVER_HEIGHT_LIMITS } from '../shared/ipc-channels.js';

export function watchPopoverFit(panel: HTMLElement, scroller: HTMLElement, ask: (height: number) => void): () => void {
  let asked = 0;
  let frame = 0;

  const measure = (): void => {
    frame = 0;
    const hidden = scroller.scrollHeight - scroller.clientHeight;
    const needed = Math.ceil(panel.getBoundingClientRect().height + hidden);
    const height = Math.min(POPOVER_HEIGHT_LIMITS.max, Math.max(POPOVER_HEIGHT_LIMITS.min, needed));
    if (height !== asked) {
      asked = height;
      ask(height);
    }
    markScrollEdges(scroller);
  };
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(measure);
  };

  const observer = new ResizeObserver(schedule);
  observer.observe(panel);
  const content = new MutationObserver(schedule);
  content.observe(scroller, { childList: true, subtree: true, characterData: true });
  scroller.addEventListener('scroll', () => markScrollEdges(scroller), { passive: true });
  schedule();
  return schedule;
}

/** Which edges have content beyond them: the stylesheet fades those. */
function markScrollEdges(scroller: HTMLElement): void {
  const above = scroller.scrollTop > 1;
  const below = scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1;
  scroller.classList.toggle('more-above', above);
  scroller.classList.toggle('more-below', below);
}
