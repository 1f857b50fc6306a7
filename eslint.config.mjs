// ESLint flat config: `npm run lint:es`. `npm run lint` adds the architecture rules
// (.dependency-cruiser.cjs, `npm run lint:deps`).
//
// TypeScript is linted with type information (typescript-eslint's recommendedTypeChecked): the two
// Pulumi rules need the type checker anyway (they ask it for each template expression's type), so
// the program is built either way, and the type-aware rules catch what the Pulumi rules miss (see
// below). Measured on the 2-core machine (`npx eslint .`, CPU time; wall time 20-45 s on a busy
// machine): about 30 s with `recommendedTypeChecked`, 20 s with `recommended` + the Pulumi rules,
// 8.5 s with no type information at all; 1.8 GB of memory. `--concurrency=2` is slower (each
// worker builds its own TypeScript program): about 48 s CPU and 3 GB.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import pulumi from "@pulumi/eslint-plugin";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    // jobs/readiness/checks.js is generated (npm run docs) from automation/readiness/, which is linted.
    ignores: ["dist/", "out/", "node_modules/", "policies/node_modules/", "jobs/readiness/checks.js"],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },

  // TypeScript: the Pulumi program, automation, scripts, tests and the policy pack. Each file is
  // type-checked with its nearest tsconfig.json (policies/ has its own).
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    // @pulumi/eslint-plugin 0.3 ships its two rules and no preset config; it is registered here
    // under the "@pulumi" namespace.
    plugins: { "@pulumi": pulumi },
    rules: {
      // An Output<T> in a plain template literal stringifies to a warning text, not the value
      // (the value is not known while the program runs): the resource gets a name, tag or policy
      // document that says "Calling [toString] on an [Output<T>] is not supported" (or the
      // program throws, with PULUMI_ERROR_OUTPUT_STRING set). The fix is
      // pulumi.interpolate`...` (or .apply). The rule matches a type alias named Output.
      "@pulumi/no-output-in-template-literal": "error",
      // The same for OutputInstance<T>. In @pulumi/pulumi 3.x OutputInstance is an interface, not
      // an alias, so this rule does not see it; restrict-template-expressions and no-base-to-string
      // (recommendedTypeChecked) do, and they also catch Input<T> in templates, `"a" + output` and
      // String(output), which neither Pulumi rule looks at. Kept for when the SDK's types change.
      "@pulumi/no-output-instance-in-template-literal": "error",
    },
  },

  // Tests read values typed `any` on purpose: the resource inputs recorded by Pulumi's mocks
  // (MockResourceArgs.inputs is `any`), JSON.parse of plan files, require() of the policy pack's
  // entry point. A wrong shape fails the test's assertion at run time, so the no-unsafe-* rules
  // (which stop `any` from spreading through product code) add noise there, not safety. Writing
  // `any` is still reported (no-explicit-any). The mock cloud itself (offline/) is product code,
  // held to the product rules.
  {
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },

  // The Lambda handlers (CommonJS on the Node.js runtime; the AWS SDK comes from the runtime).
  {
    files: ["jobs/**/*.js"],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
  // Node scripts and config files outside the TypeScript program.
  {
    files: ["**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
  {
    files: ["**/*.cjs"],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
);
