/**
 * A list of generated names (the results, or the favourites): each name whole — it wraps,
 * never cut — with its tag (new / in the list / held out), its typicality as a small bar, and
 * buttons to insert it at the cursor(s), copy it, and star or unstar it. One click listener for
 * the whole list; rows are appended as names stream in. Read opens the name letter by letter in
 * the Explore tab.
 */
import type { GeneratedName } from '../../src/core/generated';
import { formatTypicality } from '../../src/shared/format';
import { h } from '../lib/dom';
import { TAG_LABELS, TAG_TITLES, typicalityShare, typicalityText } from '../lib/generation';

export interface NameListActions {
  insert(name: GeneratedName): void;
  copy(name: GeneratedName): void;
  /** Read it letter by letter (the Explore tab). */
  read(name: GeneratedName): void;
  /** Star (true) or unstar a name. */
  star(name: GeneratedName, starred: boolean): void;
}

export class NameList {
  readonly element: HTMLOListElement;
  private names: readonly GeneratedName[] = [];
  private key: unknown;
  private rendered = 0;
  private starred = new Set<string>();

  constructor(label: string, actions: NameListActions) {
    this.element = h('ol', { class: 'name-list', 'aria-label': label });
    this.element.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button[data-action]');
      const row = button?.closest('li[data-index]');
      if (!button || !row) return;
      const name = this.names[Number((row as HTMLElement).dataset.index)];
      if (!name) return;
      const action = (button as HTMLElement).dataset.action;
      if (action === 'insert') actions.insert(name);
      else if (action === 'copy') actions.copy(name);
      else if (action === 'read') actions.read(name);
      else if (action === 'star') actions.star(name, !this.starred.has(name.name));
    });
  }

  /**
   * Shows `names`. The same `key` with more names appends the new ones (a request's names as
   * they stream in); another key starts over.
   */
  update(key: unknown, names: readonly GeneratedName[], starred: Set<string>, devLoss: number | null): void {
    if (key !== this.key || names.length < this.rendered || names[0] !== this.names[0]) {
      this.key = key;
      this.rendered = 0;
      this.element.replaceChildren();
    }
    this.names = names;
    const starsChanged = !sameSet(starred, this.starred);
    this.starred = new Set(starred);
    if (starsChanged) for (const li of this.element.children) this.showStar(li as HTMLElement);
    if (names.length > this.rendered) {
      const rows = names.slice(this.rendered).map((n, i) => this.row(n, this.rendered + i, devLoss));
      this.element.append(...rows);
      this.rendered = names.length;
    }
  }

  private row(n: GeneratedName, index: number, devLoss: number | null): HTMLElement {
    const fill = h('span', { class: 'fill' });
    const share = typicalityShare(n.logProbPerChar, devLoss);
    fill.style.width = `${Math.round(share * 100)}%`;
    const star = h('button', { type: 'button', class: 'icon-button star', 'data-action': 'star' });
    const li = h(
      'li',
      { class: 'name-row', 'data-index': index, 'data-name': n.name },
      h('span', { class: 'name', title: n.name }, n.name),
      h('span', { class: 'tag', 'data-tag': n.tag, title: TAG_TITLES[n.tag] }, TAG_LABELS[n.tag]),
      h(
        'span',
        {
          class: 'typicality',
          role: 'meter',
          'aria-label': 'Typicality',
          'aria-valuemin': 0,
          'aria-valuemax': 100,
          'aria-valuenow': Math.round(share * 100),
          'aria-valuetext': formatTypicality(n.logProbPerChar),
          title: typicalityText(n.logProbPerChar, devLoss),
        },
        fill,
      ),
      h(
        'span',
        { class: 'row-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'text-button',
            'data-action': 'insert',
            title: `Insert “${n.name}” at the cursor(s)`,
            'aria-label': `Insert ${n.name}`,
          },
          'Insert',
        ),
        h(
          'button',
          { type: 'button', class: 'text-button', 'data-action': 'copy', title: `Copy “${n.name}”`, 'aria-label': `Copy ${n.name}` },
          'Copy',
        ),
        star,
        h(
          'button',
          {
            type: 'button',
            class: 'text-button',
            'data-action': 'read',
            title: `Read “${n.name}” letter by letter (Explore tab)`,
            'aria-label': `Read ${n.name} letter by letter`,
          },
          'Read',
        ),
      ),
    );
    this.showStar(li);
    return li;
  }

  private showStar(li: HTMLElement): void {
    const star = li.querySelector<HTMLElement>('button.star');
    const name = li.dataset.name ?? '';
    if (!star) return;
    const on = this.starred.has(name);
    star.textContent = on ? '★' : '☆';
    star.setAttribute('aria-pressed', String(on));
    star.setAttribute('aria-label', `Favourite ${name}`);
    star.title = on ? 'Remove from the favourites' : 'Add to the favourites';
  }
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
