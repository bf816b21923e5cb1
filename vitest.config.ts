import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "forks",
    // Its schemas are imported as JSON without an import attribute, which Node 20 refuses;
    // inlined, Vite's transform loads them.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
