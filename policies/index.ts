// The CrossGuard entry point: `pulumi preview --policy-pack policies`. It only constructs the
// pack; constructing it starts the gRPC server the CLI talks to, so tests and the offline gate
// import the rules (./rules) and never this file.
import { PolicyPack } from "@pulumi/policy";
import { defaultEnforcement } from "./lib/rule";
import { allRules } from "./rules";

new PolicyPack("aws-platform-guard", {
  description: "Encryption at rest and in transit, IAM least privilege, network exposure, data protection, logging and tags for the AWS platform.",
  enforcementLevel: defaultEnforcement,
  policies: [...allRules],
});
