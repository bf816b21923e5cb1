import { runAction } from "./runAction.js";

// The composite step's entry: `node dist/action/main.js`, in the workspace.
runAction().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stdout.write(`::error title=nhi-triage::internal error in the action: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 3;
  },
);
