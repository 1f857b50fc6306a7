import type { RenderResult } from "../../offline";

/** The data tier's database outputs: endpoints, port and ARNs (the secret's value stays in Secrets Manager). */
export interface DatabaseOutputs {
  readonly engine: string;
  readonly endpoint: string;
  /** Aurora's reader endpoint; none for RDS. */
  readonly readerEndpoint?: string;
  /** Read replicas' endpoints, by replica name. */
  readonly replicaEndpoints: Readonly<Record<string, string>>;
  readonly port: number;
  readonly secretArn: string;
  readonly identifier: string;
  readonly arn: string;
  readonly clusterIdentifier?: string;
  readonly globalClusterIdentifier?: string;
}

export interface CacheOutputs {
  readonly endpoint: string;
  readonly readerEndpoint?: string;
  readonly port: number;
  readonly authSecretArn: string;
  readonly replicationGroupId: string;
}

/**
 * The stack outputs the tests read, as a render resolves them (components/platform/outputs.ts
 * decides them): plain values. A tier the stack does not have exports nothing.
 */
export interface StackOutputs {
  readonly region: string;
  readonly vpcId: string;
  readonly publicSubnetIds: readonly string[];
  readonly appSubnetIds: readonly string[];
  readonly dataSubnetIds: readonly string[];
  readonly securityGroupIds: Readonly<Record<"alb" | "database" | "cache", string>> & {
    /** Each ECS service's own group, and each VPC job's, by name. */
    readonly services: Readonly<Record<string, string>>;
    readonly jobs: Readonly<Record<string, string>>;
  };
  readonly kmsKeyArns: Readonly<Record<"data" | "storage" | "logs", string>>;
  /** Absent on a stack without a data tier of its own (a standby). */
  readonly database?: DatabaseOutputs;
  readonly cache?: CacheOutputs;
  readonly logBucket: { readonly bucketName: string; readonly arn: string };
  readonly buckets: Readonly<Record<string, { readonly bucketName: string; readonly arn: string; readonly encryption: string; readonly replicate: boolean; readonly backup: boolean }>>;
  readonly repositories: Readonly<Record<string, { readonly repositoryUrl: string; readonly arn: string; readonly name: string }>>;
}

/** A render's outputs (JSON values of no declared shape) as the program exports them. */
export function outputsOf(result: RenderResult): StackOutputs {
  return result.outputs as unknown as StackOutputs;
}
