/**
 * The only module that imports `@vscode/webview-ui-toolkit` (retired upstream in 2025): it
 * registers the few components the webviews use and wraps them in small helpers, so swapping
 * the toolkit for another (e.g. @vscode-elements/elements) touches this file alone.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox } from '@vscode/webview-ui-toolkit';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox());

export interface ButtonOptions {
  appearance?: 'primary' | 'secondary';
  title?: string;
  onClick: () => void;
}

/** A VS Code button (`<vscode-button>`). */
export function button(label: string, options: ButtonOptions): HTMLElement {
  const el = document.createElement('vscode-button');
  el.textContent = label;
  el.setAttribute('appearance', options.appearance ?? 'primary');
  if (options.title) el.title = options.title;
  el.addEventListener('click', () => {
    if (!el.hasAttribute('disabled')) options.onClick();
  });
  return el;
}

/** Enables or disables a control made here. */
export function setEnabled(el: HTMLElement, enabled: boolean): void {
  if (el.hasAttribute('disabled') === !enabled) return;
  el.toggleAttribute('disabled', !enabled);
}

type CheckboxElement = HTMLElement & { checked: boolean };

/** Checkboxes being set by `setChecked` (their `change` event is not the user's). */
const settingChecked = new Set<HTMLElement>();

/** A VS Code checkbox (`<vscode-checkbox>`) calling `onChange` when the user toggles it. */
export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  const el = document.createElement('vscode-checkbox') as CheckboxElement;
  el.textContent = label;
  el.checked = checked;
  el.addEventListener('change', () => {
    if (!settingChecked.has(el)) onChange(el.checked);
  });
  return el;
}

/** Sets a checkbox made here without calling its `onChange`. */
export function setChecked(el: HTMLElement, checked: boolean): void {
  const box = el as CheckboxElement;
  if (box.checked === checked) return;
  settingChecked.add(el);
  try {
    box.checked = checked;
  } finally {
    settingChecked.delete(el);
  }
}
