// Which web contents are whose: KimiBar's own pages ('app') or the kimi.com sign-in browser
// ('sign-in'). Navigation rules, IPC trust and event broadcasts all ask here; contents that
// were never registered get the strictest treatment.
import type { WebContents } from 'electron';

export type ContentsKind = 'app' | 'sign-in';

const registered = new Map<number, { readonly contents: WebContents; readonly kind: ContentsKind }>();

export function registerContents(contents: WebContents, kind: ContentsKind): void {
  const { id } = contents;
  registered.set(id, { contents, kind });
  contents.once('destroyed', () => registered.delete(id));
}

export function contentsKind(contents: WebContents): ContentsKind | null {
  return registered.get(contents.id)?.kind ?? null;
}

/** Our own windows' contents that are still alive (the receivers of push events). */
export function appContents(): WebContents[] {
  return [...registered.values()].filter((entry) => entry.kind === 'app' && !entry.contents.isDestroyed()).map((entry) => entry.contents);
}
