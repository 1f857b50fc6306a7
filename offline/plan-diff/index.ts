// Compares two offline renders of a stack: what `pulumi up` would create, update, replace and
// delete to go from one to the other, what the provider would refuse, and which protected
// resources would be replaced or deleted. Used by the update-path tests (render, change one config
// value, render again); meant for a `plan --compare-to` as well.
export { diffPlans } from "./diff";
export { formatPlanDiff, summarizePlanDiff } from "./format";
export { remoteComponentTypes, replacementRuleFor, replacementRules } from "./replacement-rules";
export type { ConditionalReplacement, ReplacementRule } from "./replacement-rules";
export type { DiffOptions, FieldChange, PlanDiff, PlanResource, ProtectedChange, Refusal, ReplaceReason, Replacement, ResourceRef, Update } from "./types";
export { updateRules } from "./update-rules";
export type { UpdateRule } from "./update-rules";
