/**
 * Building blocks of the panel's views: titled sections (cards), and the short how-to a view
 * shows before it has anything to show (what the view is for, the steps to get there, the
 * command to run, and a button that asks the host to start).
 */
import { h, type Child } from '../lib/dom';

/** A titled section of a view, with optional controls beside the title. */
export function section(title: string, cls: string, tools: Node | null, ...content: Node[]): HTMLElement {
  return h(
    'section',
    { class: `card ${cls}`, 'aria-label': title },
    h('div', { class: 'card-title' }, h('h2', {}, title), tools),
    ...content,
  );
}

const isMac = navigator.userAgent.includes('Mac');

/** "Run <command> from the Command Palette (Ctrl+Shift+P)". */
export function runCommand(title: string): Child[] {
  return ['Run ', h('strong', {}, title), ' from the Command Palette (', h('kbd', {}, isMac ? '⇧⌘P' : 'Ctrl+Shift+P'), ')'];
}

export interface HowTo {
  title: string;
  lead: string;
  steps: Child[][];
  note?: string;
  action: HTMLElement;
}

export function howTo(o: HowTo): HTMLElement {
  return h(
    'div',
    { class: 'empty-state' },
    h('h2', {}, o.title),
    h('p', { class: 'lead' }, o.lead),
    h('ol', {}, ...o.steps.map((step) => h('li', {}, ...step))),
    o.note ? h('p', { class: 'note' }, o.note) : null,
    o.action,
  );
}
