/**
 * The Generate views' controls: count, creativity (temperature) explained in words, top-k,
 * length min–max (placeholders: the list's own range), starts with, ends with, contains,
 * excludes, new names only, at least N edits — native inputs in VS Code's colours, each with a
 * label and a place for its problem, which is shown at the field as the user types
 * (generation.ts requestOf → core/constraints.ts). The sidebar shows a compact subset.
 */
import type { ConstraintField, ListFacts } from '../../src/core/constraints';
import { h, setText } from '../lib/dom';
import { DEFAULT_CONTROLS, MIN_EDITS, TEMPERATURE, type GenerateControls } from '../../src/shared/generateControls';
import { creativityWords, type FieldProblem } from '../lib/generation';
import { checkbox, setChecked } from '../toolkit';

type TextKey = 'count' | 'topK' | 'minLength' | 'maxLength' | 'startsWith' | 'endsWith' | 'contains' | 'excludes';

interface TextSpec {
  key: TextKey;
  label: string;
  /** What the field takes, as its tooltip. */
  title?: string;
  numeric?: boolean;
  placeholder?: string;
}

/** Which control a problem of the request points at. */
const FIELD_OF: Partial<Record<ConstraintField, keyof GenerateControls>> = {
  count: 'count',
  temperature: 'temperature',
  topK: 'topK',
  minLength: 'minLength',
  maxLength: 'maxLength',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  contains: 'contains',
  excludes: 'excludes',
  minEdits: 'minEdits',
};

let uid = 0;

export interface ControlsOptions {
  /** The sidebar's few controls (count, starts with, new only), else all of them. */
  compact: boolean;
  /** The user changed a control; `typing`: in a text field (the caller debounces). */
  onChange(controls: GenerateControls, typing: boolean): void;
}

export class Controls {
  readonly element: HTMLElement;
  private values: GenerateControls = { ...DEFAULT_CONTROLS };
  private readonly inputs = new Map<TextKey, HTMLInputElement>();
  private readonly problems = new Map<keyof GenerateControls, HTMLElement>();
  private readonly slider?: HTMLInputElement;
  private readonly sliderValue = h('output', { class: 'slider-value' });
  private readonly sliderWords = h('span', { class: 'slider-words' });
  private readonly newOnly: HTMLElement;
  private readonly minEdits?: HTMLSelectElement;
  private shown: keyof GenerateControls | null = null;

  constructor(options: ControlsOptions) {
    const text = (spec: TextSpec): HTMLElement => {
      const id = `gen-${spec.key}-${++uid}`;
      const input = h('input', {
        id,
        type: 'text',
        class: `field-input${spec.numeric ? ' numeric' : ''}`,
        'data-field': spec.key,
        spellcheck: 'false',
        autocomplete: 'off',
        inputmode: spec.numeric ? 'numeric' : null,
        placeholder: spec.placeholder ?? null,
        title: spec.title ?? null,
        'aria-describedby': `${id}-problem`,
      });
      input.addEventListener('input', () => {
        this.values[spec.key] = input.value;
        options.onChange(this.read(), true);
      });
      this.inputs.set(spec.key, input);
      return this.field(spec.key, id, spec.label, input);
    };
    this.newOnly = checkbox('New names only', this.values.newOnly, (on) => {
      this.values.newOnly = on;
      options.onChange(this.read(), false);
    });
    this.newOnly.dataset.field = 'newOnly';
    this.newOnly.title = 'Only names that are not in the word list';

    if (options.compact) {
      this.element = h(
        'div',
        { class: 'controls compact', role: 'group', 'aria-label': 'What to generate' },
        h(
          'div',
          { class: 'row' },
          text({ key: 'startsWith', label: 'Starts with' }),
          text({ key: 'count', label: 'Count', numeric: true }),
        ),
        this.newOnly,
      );
      return;
    }

    const sliderId = `gen-temperature-${++uid}`;
    const slider = h('input', {
      id: sliderId,
      type: 'range',
      class: 'slider',
      'data-field': 'temperature',
      min: TEMPERATURE.min,
      max: TEMPERATURE.max,
      step: TEMPERATURE.step,
      'aria-describedby': `${sliderId}-words`,
    });
    this.sliderWords.id = `${sliderId}-words`;
    slider.addEventListener('input', () => {
      this.values.temperature = Number(slider.value);
      this.showSlider();
      options.onChange(this.read(), true);
    });
    this.slider = slider;
    const editsId = `gen-minEdits-${++uid}`;
    const minEdits = h(
      'select',
      { id: editsId, class: 'field-select', 'data-field': 'minEdits', 'aria-describedby': `${editsId}-problem` },
      ...Array.from({ length: MIN_EDITS.max - MIN_EDITS.min + 1 }, (_, i) =>
        h('option', { value: i + MIN_EDITS.min }, String(i + MIN_EDITS.min)),
      ),
    );
    minEdits.addEventListener('change', () => {
      this.values.minEdits = Number(minEdits.value);
      options.onChange(this.read(), false);
    });
    this.minEdits = minEdits;

    this.element = h(
      'div',
      { class: 'controls', role: 'group', 'aria-label': 'What to generate' },
      h(
        'div',
        { class: 'row four' },
        text({ key: 'count', label: 'Count', numeric: true, title: 'How many names: 1 to 1,000' }),
        text({ key: 'topK', label: 'Top-k', numeric: true, title: 'Each character among the k likeliest; 0: all characters' }),
        text({ key: 'minLength', label: 'Min length', numeric: true }),
        text({ key: 'maxLength', label: 'Max length', numeric: true }),
      ),
      this.field('temperature', sliderId, 'Creativity', h('div', { class: 'slider-row' }, slider, this.sliderValue), this.sliderWords),
      h('div', { class: 'row' }, text({ key: 'startsWith', label: 'Starts with' }), text({ key: 'endsWith', label: 'Ends with' })),
      h(
        'div',
        { class: 'row' },
        text({
          key: 'contains',
          label: 'Contains',
          placeholder: 'e.g. a, ie',
          title: 'Texts every name contains, comma-separated (a list whose names have commas: one text, its commas included)',
        }),
        text({
          key: 'excludes',
          label: 'Excludes',
          placeholder: 'e.g. q, x',
          title: 'Characters or texts no name contains, comma-separated (a list whose names have commas: one text, its commas included)',
        }),
      ),
      h('div', { class: 'novelty' }, this.newOnly, this.editsField(editsId, minEdits)),
      h(
        'p',
        { class: 'caption' },
        'Matching ignores case. “Starts with” is fed to the model; the other constraints pick among its names — none is ever cut to fit.',
      ),
    );
  }

  /** Shows `values` (the saved ones, after a reload) without calling onChange. */
  set(values: GenerateControls): void {
    this.values = { ...values };
    for (const [key, input] of this.inputs) if (input.value !== values[key]) input.value = values[key];
    setChecked(this.newOnly, values.newOnly);
    if (this.slider) {
      this.slider.value = String(values.temperature);
      this.showSlider();
    }
    if (this.minEdits) this.minEdits.value = String(values.minEdits);
  }

  read(): GenerateControls {
    return { ...this.values };
  }

  /** The list's length range as the length fields' placeholders. */
  setFacts(facts: ListFacts | null): void {
    const min = this.inputs.get('minLength');
    const max = this.inputs.get('maxLength');
    if (min) min.placeholder = facts ? String(facts.lengths.min) : '';
    if (max) max.placeholder = facts ? String(facts.lengths.max) : '';
    if (min) min.title = facts ? `In characters; empty: ${facts.lengths.min}, the shortest name of the list` : '';
    if (max)
      max.title = facts
        ? `In characters; empty: ${facts.lengths.max}, the longest name of the list (longer names are never cut: they are not picked)`
        : '';
  }

  /** Shows `problem` at its field (and clears the one shown before). */
  showProblem(problem: FieldProblem | null): void {
    const key = problem ? (FIELD_OF[problem.field] ?? 'count') : null;
    const target = key && this.problems.has(key) ? key : problem ? 'count' : null;
    if (this.shown && this.shown !== target) {
      const old = this.problems.get(this.shown);
      if (old) {
        old.hidden = true;
        setText(old, '');
      }
      this.inputOf(this.shown)?.removeAttribute('aria-invalid');
    }
    this.shown = target;
    if (!target || !problem) return;
    const el = this.problems.get(target)!;
    el.hidden = false;
    setText(el, problem.message);
    this.inputOf(target)?.setAttribute('aria-invalid', 'true');
  }

  private inputOf(key: keyof GenerateControls): HTMLElement | undefined {
    if (key === 'temperature') return this.slider;
    if (key === 'minEdits') return this.minEdits;
    return this.inputs.get(key as TextKey);
  }

  private showSlider(): void {
    const t = this.values.temperature;
    setText(this.sliderValue, t.toFixed(2));
    setText(this.sliderWords, `Lower gives safer, more typical names; higher, more surprising ones. Now ${creativityWords(t)}.`);
    this.slider?.setAttribute('aria-valuetext', `${t.toFixed(2)}: ${creativityWords(t)}`);
  }

  /** "At least [N] edits from every name in the list", on one line, with its problem below. */
  private editsField(id: string, select: HTMLSelectElement): HTMLElement {
    const problem = h('p', { class: 'field-problem', id: `${id}-problem`, role: 'alert', hidden: true });
    this.problems.set('minEdits', problem);
    return h(
      'div',
      { class: 'field field-minEdits' },
      h('div', { class: 'inline' }, h('label', { for: id }, 'At least'), select, h('span', {}, 'edits from every name in the list')),
      problem,
    );
  }

  private field(key: keyof GenerateControls, id: string, label: string, control: HTMLElement, extra?: HTMLElement): HTMLElement {
    const problem = h('p', { class: 'field-problem', id: `${id}-problem`, role: 'alert', hidden: true });
    this.problems.set(key, problem);
    return h('div', { class: `field field-${key}` }, h('label', { for: id }, label), control, extra ?? null, problem);
  }
}
