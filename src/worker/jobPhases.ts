/**
 * The stages of a job that are not its steps, posted as `phase` run events (shared/events.ts):
 * reading the list and building the examples before the job's started event, the final
 * evaluation and saving after its steps. Every job code reads its list through `prepareJob`, so
 * every kind of job names the same stages the same way.
 */
import type { TrainingConfig } from '../core/config';
import type { AutoChoice } from '../core/honesty';
import { prepareConfigured, type PreparedData } from '../core/pipeline';
import { LARGE_TEXT, gatedPhases, type PhaseListener, type RunPhase } from '../core/progress';
import type { ListReport } from '../shared/events';
import type { RunJobKind } from '../shared/jobKinds';
import type { PostToHost, RunRequest } from '../shared/messages';

export { LARGE_TEXT };

export class JobPhases {
  private readonly start = performance.now();

  constructor(
    private readonly job: RunJobKind,
    private readonly jobId: number,
    private readonly post: PostToHost,
    textLength: number,
    /** The word list the job is on, named in every stage. */
    private readonly list: { listName: string; listKey?: string } = { listName: '' },
  ) {
    this.preparing = gatedPhases(this.report, textLength, LARGE_TEXT);
  }

  /** Seconds since the job began. */
  seconds(): number {
    return (performance.now() - this.start) / 1000;
  }

  /** A stage once the job has started: always posted. */
  readonly report: PhaseListener = (phase: RunPhase) => {
    const { listName, listKey } = this.list;
    this.post({
      type: 'phase',
      jobId: this.jobId,
      job: this.job,
      ...phase,
      jobSeconds: this.seconds(),
      listName,
      ...(listKey ? { listKey } : {}),
    });
  };

  /** A stage before the job's started event: posted once the list is large or preparing is slow (core/progress.ts gatedPhases). */
  readonly preparing: PhaseListener;
}

export interface PreparedJob {
  data: PreparedData;
  config: TrainingConfig;
  /** Automatic choices the vocabulary moved far from the usual (core/honesty.ts). */
  auto: AutoChoice[];
  phases: JobPhases;
  /** What the job read (and which list it is), for its started event (call it just before posting that event). */
  report(): Required<Omit<ListReport, 'listKey'>> & Pick<ListReport, 'listKey'>;
}

/**
 * Reads the request's word list as the user chose (format, column), or as detected (the file's
 * name tells its format when its extension does), completes the settings, builds the examples,
 * and names those stages as they start.
 */
export function prepareJob(request: RunRequest, post: PostToHost): PreparedJob {
  const { listName, listKey } = request;
  const phases = new JobPhases(request.type, request.jobId, post, request.text.length, { listName, ...(listKey ? { listKey } : {}) });
  const { data, config, auto } = prepareConfigured(request.text, request.config, {
    fileName: request.listName,
    ...request.list,
    onPhase: phases.preparing,
  });
  return {
    data,
    config,
    auto,
    phases,
    report: () => ({
      listReading: data.listReading,
      casing: data.casing,
      preparedSeconds: phases.seconds(),
      ...(listKey ? { listKey } : {}),
    }),
  };
}
