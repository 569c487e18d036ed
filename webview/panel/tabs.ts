/**
 * The panel's view switcher: a WAI-ARIA tab list over one tab panel that holds the selected
 * view. One tab is in the Tab order; the arrow keys, Home and End move to another tab and
 * select it. The tab of a running job carries a dot.
 */
import { h } from '../lib/dom';

export interface TabSpec<K extends string> {
  id: K;
  label: string;
}

export class Tabs<K extends string> {
  readonly list: HTMLElement;
  readonly panel: HTMLElement;
  private readonly tabs: { id: K; el: HTMLButtonElement }[];

  constructor(specs: readonly TabSpec<K>[], onSelect: (id: K) => void) {
    this.tabs = specs.map(({ id, label }) => {
      const el = h(
        'button',
        { type: 'button', role: 'tab', id: `tab-${id}`, class: 'tab', 'aria-controls': 'view', 'aria-selected': 'false', tabindex: -1 },
        h('span', { class: 'tab-label' }, label),
      );
      el.addEventListener('click', () => onSelect(id));
      return { id, el };
    });
    this.list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Views' }, ...this.tabs.map((t) => t.el));
    this.list.addEventListener('keydown', (e) => {
      const current = this.tabs.findIndex((t) => t.el === document.activeElement);
      if (current < 0) return;
      const n = this.tabs.length;
      const moves: Partial<Record<string, number>> = {
        ArrowRight: (current + 1) % n,
        ArrowLeft: (current - 1 + n) % n,
        Home: 0,
        End: n - 1,
      };
      const next = moves[e.key];
      if (next === undefined) return;
      e.preventDefault();
      this.tabs[next].el.focus();
      onSelect(this.tabs[next].id);
    });
    this.panel = h('div', { role: 'tabpanel', id: 'view', class: 'tab-panel' });
  }

  /** Marks `id` selected and shows `content` in the panel. */
  show(id: K, content: HTMLElement): void {
    for (const t of this.tabs) {
      const selected = t.id === id;
      t.el.setAttribute('aria-selected', String(selected));
      t.el.tabIndex = selected ? 0 : -1;
    }
    this.panel.setAttribute('aria-labelledby', `tab-${id}`);
    if (this.panel.firstChild !== content) this.panel.replaceChildren(content);
  }

  /** Marks the tab whose job is running (none: null). */
  setRunning(id: K | null): void {
    for (const t of this.tabs) {
      const running = t.id === id;
      if (t.el.classList.contains('running') === running) continue;
      t.el.classList.toggle('running', running);
      t.el.title = running ? 'Running' : '';
    }
  }
}
