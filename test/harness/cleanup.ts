/**
 * Last-resort cleanup: hooks that run when the process exits or is interrupted (Ctrl-C,
 * SIGTERM, SIGHUP), so a failed or aborted run never leaves servers behind. Hooks must be
 * synchronous (nothing asynchronous runs once the process is exiting).
 */
const hooks = new Set<() => void>();

function runHooks(): void {
  for (const hook of [...hooks]) {
    hooks.delete(hook);
    try {
      hook();
    } catch (error) {
      console.error('[harness] cleanup failed:', error);
    }
  }
}

const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
let installed = false;

/** Registers a hook run at exit or on a signal; returns a function that unregisters it. */
export function onExit(hook: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', runHooks);
    for (const [signal, code] of Object.entries(signals)) {
      process.on(signal, () => {
        console.error(`[harness] ${signal}: stopping`);
        runHooks();
        process.exit(code);
      });
    }
  }
  hooks.add(hook);
  return () => hooks.delete(hook);
}
