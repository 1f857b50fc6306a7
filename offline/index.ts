// The offline render of the program: what `npm run plan` and the tests use. The mock cloud's own
// models (offline/mock-cloud/) are reached directly only by the tests of those models.
export type { CapturedCall, CapturedOptions, CapturedResource, RenderProgress } from "./captured";
export { isCloudResource } from "./captured";
export { mockAccountId } from "./mock-cloud/cloud";
export { SingletonLedger } from "./mock-cloud/singletons";
export type { OtherStack, OtherStacks } from "./other-stacks";
export { renderProgram } from "./render";
export type { RenderOptions, RenderResult } from "./render";
export { isSecretValue, redactSecrets, unwrapSecrets } from "./secrets";
