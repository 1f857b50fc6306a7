import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RegistryReplicationRule } from "../../model/account/settings";
import type { StackContext } from "../shared/context";

/**
 * This region's ECR registry replication configuration, from the account baseline's rules: each
 * rule copies the repositories whose names start with its prefixes into another region of this
 * account, where a standby stack holds repositories of the same names (scan, immutability, its
 * storage key). A registry has exactly one such configuration (PutReplicationConfiguration
 * "creates or updates the replication configuration for a registry"), so only the stack that
 * owns the baseline of its account and region creates it, with every standby's rule in it.
 */
export function registryReplication(name: string, context: StackContext, rules: readonly RegistryReplicationRule[], parent: pulumi.Resource): aws.ecr.ReplicationConfiguration {
  return new aws.ecr.ReplicationConfiguration(
    `${name}-registry-replication`,
    {
      replicationConfiguration: {
        rules: rules.map((rule) => ({
          destinations: [{ region: rule.region, registryId: context.accountId }],
          // Without filters ECR replicates every repository of the registry.
          repositoryFilters: rule.repositoryPrefixes?.map((filter) => ({ filter, filterType: "PREFIX_MATCH" })),
        })),
      },
    },
    { parent },
  );
}
