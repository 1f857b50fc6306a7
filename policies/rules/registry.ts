/**
 * Container registry hygiene: a tag names one image forever (what a task definition pins is what
 * runs) and every pushed image is scanned for known vulnerabilities (Checkov CKV_AWS_51,
 * CKV_AWS_163).
 */
import { PlatformRule, rule } from "../lib/rule";
import { StackResource } from "../lib/stack-view";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { list, text } from "../lib/values";

/** Mutability settings that keep tags immutable (`IMMUTABLE_WITH_EXCLUSION`: except the tags the filters name). */
const immutable = ["IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"];

export const ecrImmutableTags = rule({
  name: "ecr-immutable-tags",
  description: "ECR repositories keep tags immutable: a pushed tag can never point at another image.",
  theme: "data-protection",
  scope: "mandatory",
  fix: "imageTagMutability: \"IMMUTABLE\" (platform:storage.repositories[].immutableTags: true, the default).",
  controls: { checkov: ["CKV_AWS_51"] },
  types: [T.ecrRepository],
  checkResource(r, c) {
    const mutability = r.props.imageTagMutability;
    if (c.unknown(mutability, "imageTagMutability")) return;
    if (!(typeof mutability === "string" && immutable.includes(mutability))) c.report(`tags are ${text(mutability ?? "MUTABLE (the default)")}: set imageTagMutability IMMUTABLE`);
  },
});

/** A registry scanning rule (aws.ecr.RegistryScanningConfiguration `rules[]`). */
interface ScanningRule {
  readonly scanFrequency?: unknown;
  readonly repositoryFilters?: unknown;
}

/** ECR's WILDCARD filter: `*` matches any run of characters. */
function wildcardMatches(filter: string, name: string): boolean {
  return new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(name);
}

/**
 * Registry-level scanning (PutRegistryScanningConfiguration): a rule with SCAN_ON_PUSH or
 * CONTINUOUS_SCAN whose WILDCARD filter matches the repository scans its pushes whatever the
 * repository's own `scanOnPush` says ("Image scanning", Amazon ECR User Guide).
 */
function registryScans(configurations: readonly StackResource[], repositoryName: string): boolean | "unknown" {
  let undecided = false;
  for (const configuration of configurations) {
    for (const scanning of list<ScanningRule | undefined>(configuration.props.rules)) {
      if (isUnknown(scanning?.scanFrequency)) undecided = true;
      if (scanning?.scanFrequency !== "SCAN_ON_PUSH" && scanning?.scanFrequency !== "CONTINUOUS_SCAN") continue;
      for (const filter of list<{ filter?: unknown } | undefined>(scanning.repositoryFilters)) {
        if (isUnknown(filter?.filter)) undecided = true;
        else if (typeof filter?.filter === "string" && wildcardMatches(filter.filter, repositoryName)) return true;
      }
    }
  }
  return undecided ? "unknown" : false;
}

export const ecrScanOnPush = rule({
  name: "ecr-scan-on-push",
  description: "Every image pushed to ECR is scanned for vulnerabilities (the repository's scan on push, or a registry scanning rule that covers it).",
  theme: "data-protection",
  scope: "mandatory",
  fix: "imageScanningConfiguration { scanOnPush: true } (platform:storage.repositories[].scanOnPush: true, the default), or an aws.ecr.RegistryScanningConfiguration rule SCAN_ON_PUSH / CONTINUOUS_SCAN whose filter matches the repository.",
  controls: { checkov: ["CKV_AWS_163"] },
  checkStack(stack, c) {
    const configurations = stack.ofType(T.ecrRegistryScanning);
    for (const repository of stack.ofType(T.ecrRepository)) {
      const scanning = repository.props.imageScanningConfiguration as { scanOnPush?: unknown } | undefined;
      if (scanning?.scanOnPush === true) continue;
      const name = repository.props.name;
      const byRegistry = typeof name === "string" && !isUnknown(name) ? registryScans(configurations, name) : configurations.length > 0 ? "unknown" : false;
      if (byRegistry === true) continue;
      if (byRegistry === "unknown" || isUnknown(scanning?.scanOnPush) || isUnknown(scanning)) c.undecided(`${repository.name}: its image scanning`);
      else c.report(`repository ${text(name ?? repository.name)} does not scan pushed images: set imageScanningConfiguration.scanOnPush true`, repository.urn);
    }
  },
});

export const registryRules: readonly PlatformRule[] = [ecrImmutableTags, ecrScanOnPush];
