// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-console": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The CLI shell and scripts are the only places that talk to the console.
    files: ["src/cli/**/*.ts", "bench/**", "scripts/**", "test/**"],
    rules: { "no-console": "off" },
  },
  { files: ["**/*.mjs", "**/*.js", "bin/*"], languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", performance: "readonly" } } },
);
