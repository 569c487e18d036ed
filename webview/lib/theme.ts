/**
 * Colours and fonts for canvas drawing, resolved from VS Code's `--vscode-*` theme variables
 * (a canvas cannot use `var()`), and re-resolved when the user switches theme: VS Code then
 * rewrites the variables on <html> and the theme class on <body>.
 */

export interface Theme {
  /** Ink for labels and points. */
  foreground: string;
  /** Axis values and secondary text. */
  muted: string;
  /** Grid lines. */
  grid: string;
  /** The page background (for halos behind labels). */
  background: string;
  /** Train loss. */
  train: string;
  /** Dev loss. */
  dev: string;
  /** The bigram baseline. */
  baseline: string;
  /** The selected point and its neighbours; the best sweep run; the suggested learning rate. */
  accent: string;
  /** Sweep runs that underfit (both losses high). */
  underfit: string;
  /** Sweep runs that overfit (dev loss well above train loss). */
  overfit: string;
  /** Distinct colours for runs compared on one chart, in order (the theme's chart colours). */
  series: string[];
  font: string;
  monoFont: string;
  /** UI font size in CSS pixels. */
  fontSize: number;
  highContrast: boolean;
}

function cssVar(style: CSSStyleDeclaration, ...names: string[]): string {
  for (const name of names) {
    const value = style.getPropertyValue(name).trim();
    if (value) return value;
  }
  return '';
}

/** Reads the current theme's colours (with fallbacks for themes that leave a variable unset). */
export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const sidebar = document.body.dataset.view === 'sidebar';
  const highContrast = document.body.classList.contains('vscode-high-contrast');
  const foreground = cssVar(style, '--vscode-editor-foreground', '--vscode-foreground') || '#cccccc';
  // Chart colours may be translucent (Dark and Light Modern's charts.orange is 33% opaque):
  // series are drawn with the colour at full opacity, so they stand out on any background.
  return {
    foreground,
    muted: cssVar(style, '--vscode-descriptionForeground') || withAlpha(foreground, 0.7),
    grid: highContrast
      ? withAlpha(cssVar(style, '--vscode-contrastBorder') || foreground, 0.5)
      : withAlpha(cssVar(style, '--vscode-editorWidget-border', '--vscode-widget-border') || withAlpha(foreground, 0.2), 0.8),
    background:
      (sidebar ? cssVar(style, '--vscode-sideBar-background') : '') || cssVar(style, '--vscode-editor-background') || 'transparent',
    train: opaque(cssVar(style, '--vscode-charts-blue') || '#3794ff'),
    dev: opaque(cssVar(style, '--vscode-charts-orange') || '#d18616'),
    baseline: opaque(cssVar(style, '--vscode-charts-red') || '#f14c4c'),
    accent: opaque(cssVar(style, '--vscode-charts-green') || '#89d185'),
    underfit: opaque(cssVar(style, '--vscode-charts-purple') || '#b180d7'),
    overfit: opaque(cssVar(style, '--vscode-charts-red') || '#f14c4c'),
    series: (
      [
        ['--vscode-charts-blue', '#3794ff'],
        ['--vscode-charts-orange', '#d18616'],
        ['--vscode-charts-green', '#89d185'],
        ['--vscode-charts-purple', '#b180d7'],
        ['--vscode-charts-red', '#f14c4c'],
        ['--vscode-charts-yellow', '#cca700'],
      ] as const
    ).map(([name, fallback]) => opaque(cssVar(style, name) || fallback)),
    font: cssVar(style, '--vscode-font-family') || 'sans-serif',
    monoFont: cssVar(style, '--vscode-editor-font-family') || 'monospace',
    fontSize: parseFloat(cssVar(style, '--vscode-font-size')) || 13,
    highContrast,
  };
}

/** Calls `listener` (once per burst of changes) when the theme changes. */
export function onThemeChange(listener: () => void): void {
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      listener();
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}

let probe: CanvasRenderingContext2D | null | undefined;

/** `color` (any CSS colour) as [r, g, b, a], or null if the canvas cannot parse it. */
function rgba(color: string): [number, number, number, number] | null {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return null;
  probe.fillStyle = '#000000';
  probe.fillStyle = color;
  // The canvas normalises colours to "#rrggbb" or "rgba(r, g, b, a)".
  const normal = String(probe.fillStyle);
  if (normal.startsWith('#')) {
    const n = parseInt(normal.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  const m = /rgba?\(([^)]+)\)/.exec(normal);
  if (!m) return null;
  const [r, g, b, a = 1] = m[1].split(',').map(Number);
  return [r, g, b, a];
}

/** `color` (any CSS colour) with its opacity multiplied by `alpha`, as an `rgba()` string. */
export function withAlpha(color: string, alpha: number): string {
  const c = rgba(color);
  return c ? `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${c[3] * alpha})` : color;
}

/** `color` at full opacity. */
export function opaque(color: string): string {
  const c = rgba(color);
  return c ? `rgb(${c[0]}, ${c[1]}, ${c[2]})` : color;
}

/** A canvas font string in the given family, at `px` CSS pixels times the device pixel ratio. */
export function canvasFont(family: string, px: number, weight = 'normal'): string {
  return `${weight} ${Math.round(px * devicePixelRatio)}px ${family}`;
}
