// Architecture rules, checked by `npm run lint:deps` (dependency-cruiser).
//
// Layers, bottom to top (`A  <-  B`: B may import A, never the reverse):
//   model/  <-  config/
//   model/  <-  components/<tier>/  <-  components/platform/  <-  program.ts  <-  index.ts
//   automation/, offline/, scripts/: on top, may import anything except test/
//   policies/: the CrossGuard pack, standalone (own package.json), imports only itself and npm
//   jobs/<name>/: Lambda handlers, each folder shipped on its own as the function's code
//   test/: may import anything; nothing else imports it
//
// Type-only imports count (tsPreCompilationDeps: true): a layer that needs another layer's types
// depends on it as much as one that needs its values, and a cycle through types still ties the
// modules together.

/** Outside the Pulumi program (the tools on top, the policy pack, the Lambda code): the program never imports them. */
const onTop = "^(automation|offline|scripts|policies|jobs)/";
/** The wiring: one module per tier, mapping validated settings onto that tier's Args. */
const platform = "^components/platform/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "An import cycle makes module load order matter (a module sees the other's exports as undefined " +
        "while the cycle loads) and welds the modules into one unit that can't be understood, tested or " +
        "moved apart. Break it by moving the shared part into a lower module (model/, a types file).",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-test",
      severity: "error",
      comment:
        "Only tests import test/: product code, automation and scripts must not depend on test helpers or " +
        "on the mock cloud (a simulator that product code needs belongs in offline/).",
      from: { pathNot: "^test/" },
      to: { path: "^test/" },
    },
    {
      name: "components-not-to-config",
      severity: "error",
      comment:
        "components/ (the tiers and the wiring in components/platform/) must not import config/: the " +
        "config layer (reading and validating Pulumi.<stack>.yaml) and the resource layer must be testable " +
        "and changeable apart. Settings types shared by both live in model/; program.ts loads config/ and " +
        "hands the validated settings to components/platform/.",
      from: { path: "^components/" },
      to: { path: "^config/" },
    },
    {
      name: "config-not-to-components",
      severity: "error",
      comment:
        "config/ validates settings and must not depend on resource code (which pulls in the Pulumi " +
        "providers): shared tables, names and types live in model/. Covers components/platform/ too.",
      from: { path: "^config/" },
      to: { path: "^components/" },
    },
    {
      name: "model-no-pulumi",
      severity: "error",
      comment:
        "model/ is the pure layer (CIDR planning, names, engine tables, schedules, settings types): plain " +
        "functions and data that run and test without the Pulumi SDK or a provider. It may import node " +
        "built-ins, small pure libraries such as ipaddr.js, and other model/ files.",
      from: { path: "^model/" },
      to: { path: ["^@pulumi/", "(^|/)node_modules/@pulumi/"] },
    },
    {
      name: "model-is-bottom-layer",
      severity: "error",
      comment:
        "model/ is the bottom layer: it must not import config/, components/, the program (program.ts, index.ts) or " +
        "anything above it (automation/, offline/, scripts/, policies/, jobs/). test/ is covered by not-to-test.",
      from: { path: "^model/" },
      to: { path: ["^(config|components)/", "^(index|program)\\.ts$", onTop] },
    },
    {
      name: "tier-not-to-platform",
      severity: "error",
      comment:
        "components/platform/ is the wiring (one module per tier, validated config -> the tier's Args); " +
        "it imports the tiers, never the reverse. A tier that imports the wiring makes a cycle in waiting " +
        "and couples the tier to every other tier. (config/ -> components/platform/ is config-not-to-components.)",
      from: { path: "^components/[^/]+/", pathNot: "^components/platform/" },
      to: { path: platform },
    },
    {
      name: "program-layers-not-upwards",
      severity: "error",
      comment:
        "config/ and components/ are the Pulumi program's layers: they must not import the program " +
        "(program.ts, index.ts) or the tools built on top of them (automation/, offline/, scripts/), nor the standalone " +
        "policy pack or the Lambda handlers' code.",
      from: { path: "^(config|components)/" },
      to: { path: ["^(index|program)\\.ts$", onTop] },
    },
    {
      name: "index-through-platform",
      severity: "error",
      comment:
        "The program (program.ts, run by index.ts) builds the stack through the wiring (components/platform/) and loads config from config/; " +
        "it does not reach into the tiers itself, nor into the tools above it.",
      from: { path: "^(index|program)\\.ts$" },
      to: { path: ["^components/", onTop], pathNot: platform },
    },
    {
      name: "offline-not-to-automation",
      severity: "error",
      comment:
        "offline/ (the mock cloud and the renderer) sits under the tools that use it: the plan, the " +
        "benchmark, the tests. It must not import automation/: what a tool wants from a render (its " +
        "progress, say) goes through an option such as renderProgram's onProgress callback.",
      from: { path: "^offline/" },
      to: { path: "^automation/" },
    },
    {
      name: "policies-standalone",
      severity: "error",
      comment:
        "policies/ is a CrossGuard pack with its own package.json, run by the Pulumi CLI from its own " +
        "folder (and publishable on its own): anything it imports from outside policies/ (components/, " +
        "config/, model/, automation/, offline/, ...) is missing when the pack runs by itself, and its rules " +
        "must judge resources as the engine sees them, not as our code built them.",
      from: { path: "^policies/" },
      to: { pathNot: ["^policies/", "(^|/)node_modules/"], dependencyTypesNot: ["core", "npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "policies-declared-deps",
      severity: "error",
      comment:
        "The pack installs only what policies/package.json lists: a package that resolves here only " +
        "through the root node_modules is missing when the pack is installed by itself.",
      from: { path: "^policies/" },
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "jobs-self-contained",
      severity: "error",
      comment:
        "Each jobs/<name>/ folder is zipped on its own as a Lambda function's code: a require of a file " +
        "outside that folder works here and fails in Lambda.",
      from: { path: "^jobs/([^/]+)/" },
      to: { pathNot: ["^jobs/$1/", "(^|/)node_modules/"], dependencyTypesNot: ["core", "npm-no-pkg", "npm-unknown", "unknown"] },
    },
  ],
  options: {
    exclude: { path: "^(dist|out)/" },
    doNotFollow: { path: "(^|/)node_modules/" },
    moduleSystems: ["cjs", "es6"],
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
      mainFields: ["main", "types", "typings"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
