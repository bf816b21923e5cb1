import { createLogger } from "vite";
import { defineConfig } from "vitest/config";

const logger = createLogger();
const warn = logger.warn.bind(logger);
// Inlined packages whose maps name sources they do not ship; nothing a test can act on.
logger.warn = (msg, options) => {
  if (!msg.includes("points to missing source files")) warn(msg, options);
};

export default defineConfig({
  customLogger: logger,
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "forks",
    // Its schemas are imported as JSON without an import attribute, which Node 20 refuses;
    // inlined, Vite's transform loads them.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
