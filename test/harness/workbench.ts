/**
 * The VS Code workbench in a Playwright page, driven the way a user drives it: Quick Open, the
 * Command Palette, the keyboard, notifications and their buttons, the activity bar, and the
 * extension's webviews (two nested iframes each). Selectors are the workbench's own DOM, as
 * served by code-server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

/** Generous: the machine may be busy (2 shared cores), and waits end as soon as they can. */
export const UI_TIMEOUT = 60_000;

/** `text` as a regular expression that matches it whole. */
const exactly = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** A row of a quick pick: its label, and (Quick Open) the folder its description must name. */
interface RowMatch {
  label: string;
  folder?: string;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    /** Where screenshots go. */
    private readonly artefacts: string,
  ) {
    page.setDefaultTimeout(UI_TIMEOUT);
  }

  /** Opens `url` in a new page and waits for the workbench. */
  static async open(browser: Browser, url: string, artefacts: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const workbench = new Workbench(page, artefacts);
    await page.goto(url);
    await workbench.waitForWorkbench();
    return workbench;
  }

  async waitForWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor();
    await this.page.locator('.statusbar').waitFor();
  }

  /**
   * Reloads the window with `Developer: Reload Window`, as a user does (the editors come back as
   * they were: `startFresh` after it). Not the browser's reload: the command waits until the
   * workbench has saved its state (which editor is in front, the extensions' global state), and a
   * plain page reload does not, so the window could come back as it was a while earlier.
   */
  async reload(): Promise<void> {
    const loaded = this.page.waitForEvent('load', { timeout: UI_TIMEOUT });
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.waitForWorkbench();
  }

  /**
   * The known layout every scenario starts from: no quick input or dialog open, one editor
   * group with no editor in it (an unsaved editor is closed without saving: a scenario's
   * leftovers are not the user's), no notification. Waits until it is so.
   */
  async startFresh(): Promise<void> {
    for (let i = 0; i < 3 && (await this.openQuickInput.count()) > 0; i++) {
      await this.page.keyboard.press('Escape');
      await this.openQuickInput.waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
    }
    await this.dismissDialog();
    const groups = this.page.locator('.editor-group-container');
    const tabs = this.page.locator('.tabs-container .tab');
    if ((await groups.count()) > 1 || (await tabs.count()) > 0) {
      await this.runCommand('View: Close All Editor Groups');
      // An unsaved editor asks whether to save: not the user's work here.
      for (const deadline = Date.now() + UI_TIMEOUT; (await groups.count()) > 1 || (await tabs.count()) > 0;) {
        if (await this.dismissDialog()) continue;
        if (Date.now() > deadline)
          throw new Error(`The editors did not close: ${await groups.count()} groups, tabs ${JSON.stringify(await tabs.allInnerTexts())}.`);
        await this.page.waitForTimeout(100);
      }
    }
    if ((await this.page.locator('.notifications-toasts .notification-toast').count()) > 0) await this.clearNotifications();
  }

  /** Answers an open "Do you want to save…?" dialog with Don't Save; whether there was one. */
  private async dismissDialog(): Promise<boolean> {
    const dialog = this.page.locator('.monaco-dialog-box');
    if ((await dialog.count()) === 0) return false;
    await dialog.getByRole('button', { name: /^Don't Save$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    return true;
  }

  /** Saves a screenshot of the whole window as `<artefacts>/<name>.png`. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(this.artefacts, { recursive: true });
    const file = path.join(this.artefacts, `${name}.png`);
    // Let notifications finish fading in (a cosmetic wait: the picture is taken regardless); CSS
    // animations, such as the quick input's as it opens, are fast-forwarded to their end.
    await this.page
      .locator('.notification-toast.notification-fade-in')
      .first()
      .waitFor({ state: 'detached', timeout: 2000 })
      .catch(() => undefined);
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  /** The quick input widget while it is open (as it closes, it stays in view for a moment). */
  private get openQuickInput(): Locator {
    return this.page.locator('.quick-input-widget:not(.quick-input-widget-closing)');
  }

  /**
   * The rows of the open quick pick whose label is `row.label` exactly (and, for a file, whose
   * description names `row.folder`).
   */
  private rowsMatching(row: RowMatch): Locator {
    let rows = this.openQuickInput
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(row.label) }) });
    if (row.folder) rows = rows.filter({ has: this.page.locator('.label-description', { hasText: row.folder }) });
    return rows;
  }

  /**
   * Opens Quick Open or the Command Palette with `key`, types `text` and accepts the row whose
   * label is `row` exactly — once exactly one row matches, and it is the focused one (two
   * matching rows are an error, not a guess). Until Enter, every step is tried again (up to three
   * times) if it does not happen: a key pressed while a webview is loading can be lost, and a
   * webview that takes the focus as it loads closes the widget.
   */
  private async quickPick(key: string, text: string, row: RowMatch): Promise<void> {
    const input = this.openQuickInput.locator('.quick-input-box input');
    const matching = this.rowsMatching(row);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.page.evaluate('document.activeElement?.tagName === "IFRAME" && document.activeElement.blur()');
        await this.page.keyboard.press(key);
        await input.fill(text, { timeout: 5000 });
        await matching.and(this.openQuickInput.locator('.monaco-list-row.focused')).waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    const n = await matching.count();
    if (n !== 1)
      throw new Error(`${n} rows of the quick pick match ${JSON.stringify(row)}: ${JSON.stringify(await matching.allInnerTexts())}.`);
    await this.acceptQuickInput();
  }

  /**
   * Presses Enter and waits until the quick input moved on: it closed (and finished closing: a
   * key pressed while it fades out can be lost), or it shows the next pick (a command that asks
   * something opens its pick as the palette closes, and each step of a multi-step pick has its
   * own title, in the same widget).
   */
  private async acceptQuickInput(): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    /** Its title and text; 'closing' while it fades out; undefined once closed. */
    const shown = async (): Promise<string | undefined> => {
      try {
        if (!(await widget.isVisible())) return undefined;
        if ((await widget.getAttribute('class', { timeout: 1000 }))?.includes('quick-input-widget-closing')) return 'closing';
        const title = await widget.locator('.quick-input-title').innerText({ timeout: 1000 });
        return `${title}\n${await widget.locator('.quick-input-box input').inputValue({ timeout: 1000 })}`;
      } catch {
        return undefined; // it closed while being read
      }
    };
    const before = await shown();
    await this.page.keyboard.press('Enter');
    const deadline = Date.now() + UI_TIMEOUT;
    for (let now = await shown(); now !== undefined && (now === before || now === 'closing'); now = await shown()) {
      if (Date.now() > deadline) throw new Error(`The quick input did not move on from ${JSON.stringify(before)}.`);
      await this.page.waitForTimeout(100);
    }
  }

  /**
   * Opens a workspace file with Quick Open (Ctrl+P) — the one row named so in its folder (the
   * first part of `relativePath`, a folder of the multi-root workspace) — and waits for it to be
   * the active tab of the active editor group (exactly one tab: a strict locator).
   */
  async openFile(relativePath: string): Promise<void> {
    const name = path.basename(relativePath);
    const dir = path.dirname(relativePath);
    await this.quickPick('Control+P', relativePath, { label: name, ...(dir !== '.' ? { folder: dir.split('/')[0]! } : {}) });
    await this.activeTab(name).waitFor();
  }

  /** The active tab of the active editor group, if it is the file named `name` exactly. */
  activeTab(name: string): Locator {
    return this.page.locator(`.editor-group-container.active .tabs-container .tab.active[data-resource-name=${JSON.stringify(name)}]`);
  }

  /** Runs a command from the Command Palette (F1) by its title, e.g. `Makemore: Train on File` (the one row of that title exactly). */
  async runCommand(title: string): Promise<void> {
    await this.quickPick('F1', `>${title}`, { label: title });
  }

  /** Waits for the open quick pick's title to read `title` (each step of a multi-step pick has its own). */
  async quickPickTitled(title: string | RegExp): Promise<void> {
    await this.openQuickInput.locator('.quick-input-title', { hasText: title }).waitFor();
  }

  /** The labels of the checked items of the open pick-many quick pick. */
  async checkedQuickPickItems(): Promise<string[]> {
    const boxes = this.openQuickInput.locator('.monaco-list-row[aria-checked="true"] .monaco-checkbox');
    return boxes.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  /**
   * Answers the open quick pick: types `type` into its box (if given), waits for the focused row
   * to show `row` (if given), and presses Enter (a pick-many accepts its checked items); then
   * waits for the pick to close or move on to its next step.
   */
  async answerQuickPick(answer: { type?: string; row?: string | RegExp }): Promise<void> {
    if (answer.type !== undefined) await this.openQuickInput.locator('.quick-input-box input').fill(answer.type);
    if (answer.row !== undefined) await this.openQuickInput.locator('.monaco-list-row.focused', { hasText: answer.row }).waitFor();
    await this.acceptQuickInput();
  }

  /** Saves the active editor's changes (Ctrl+S): waits for its tab to be dirty, then clean. */
  async save(): Promise<void> {
    await this.page.locator('.editor-group-container.active .tab.active.dirty').waitFor();
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.editor-group-container.active .tab.active:not(.dirty)').waitFor();
  }

  /** Notification toasts whose message contains `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', {
      has: this.page.locator('.notification-list-item-message', { hasText: text }),
    });
  }

  /** All visible notification toasts' messages. */
  async notificationMessages(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  /** Clears every notification (`Notifications: Clear All Notifications`). */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
  }

  /** Shows a view container by its activity-bar title (e.g. `Makemore`), if it is not showing. */
  async showViewContainer(title: string): Promise<void> {
    const item = this.page.locator('.activitybar .action-item', { has: this.page.locator(`.action-label[aria-label^="${title}"]`) });
    if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
    await this.page.locator(`.activitybar .action-item.checked .action-label[aria-label^="${title}"]`).waitFor();
  }

  /**
   * Widens (dx > 0) or narrows the first element matching `selector` — a part such as
   * `.part.sidebar`, or an editor group — by dragging the sash on its right edge, as a user does.
   */
  async dragRightEdge(selector: string, dx: number): Promise<void> {
    const box = await this.page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} is not shown.`);
    const [edge, middle] = [box.x + box.width, box.y + box.height / 2];
    for (const sash of await this.page.locator('.monaco-sash.vertical').all()) {
      const s = await sash.boundingBox();
      if (!s || Math.abs(s.x + s.width / 2 - edge) > 4 || middle < s.y || middle > s.y + s.height) continue;
      const [x, y] = [s.x + s.width / 2, middle];
      await this.page.mouse.move(x, y);
      await this.page.mouse.down();
      await this.page.mouse.move(x + dx, y, { steps: 10 });
      await this.page.mouse.up();
      await this.page.mouse.move(0, 0); // off the sash, which is highlighted while hovered
      return;
    }
    throw new Error(`No sash on the right edge of ${selector}.`);
  }

  /** The editor tab whose label starts with `label`. */
  tab(label: string): Locator {
    return this.page.locator(`.tabs-container .tab[aria-label^="${label}"]`);
  }

  /** The active text editor's visible lines. */
  editorLines(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
  }

  /**
   * The webview of extension `extensionId` whose document holds `selector` (the panel and a
   * sidebar view are both webviews of the same extension). Waits until there is one. The
   * locator names that webview by its id, so it stays on it when other webviews come and go.
   */
  async webview(extensionId: string, selector: string): Promise<FrameLocator> {
    const outer = this.page.locator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`);
    const deadline = Date.now() + UI_TIMEOUT;
    for (;;) {
      for (const src of await outer.evaluateAll((frames) => frames.map((f) => f.getAttribute('src') ?? ''))) {
        const id = new URL(src).searchParams.get('id');
        const frame = this.page.frameLocator(`iframe.webview.ready[src*="?id=${id}&"]`).frameLocator('#active-frame');
        if (id && (await frame.locator(selector).count()) > 0) return frame;
      }
      if (Date.now() > deadline) throw new Error(`No webview of ${extensionId} shows ${selector}.`);
      await this.page.waitForTimeout(200);
    }
  }
}
