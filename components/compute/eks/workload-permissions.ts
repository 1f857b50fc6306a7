import * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../../shared/iam";
import type { WorkloadSpec, WorkloadsSpec } from "./workload-spec";

/** The service's own AWS permissions: its buckets, and the secrets its SecretStore reads. */
export function serviceStatements(service: WorkloadSpec, spec: Pick<WorkloadsSpec, "context" | "keys">): Statement[] {
  const { region } = spec.context;
  const statements: Statement[] = [];
  const readBuckets = service.buckets.map((b) => b.arn);
  const writeBuckets = service.buckets.filter((b) => b.access === "readwrite").map((b) => b.arn);
  if (readBuckets.length > 0) {
    statements.push(
      { Sid: "ListBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: readBuckets },
      { Sid: "ReadObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: readBuckets.map((arn) => pulumi.interpolate`${arn}/*`) },
    );
  }
  if (writeBuckets.length > 0) {
    statements.push({ Sid: "WriteObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: writeBuckets.map((arn) => pulumi.interpolate`${arn}/*`) });
  }
  if (readBuckets.length > 0) {
    statements.push({
      Sid: "UseStorageKeyThroughS3",
      Effect: "Allow",
      Action: writeBuckets.length > 0 ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
      Resource: spec.keys.storage,
      Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
    });
  }
  const secretArns = uniqueInputs(Object.values(service.secrets).map((s) => s.secretArn));
  if (secretArns.length > 0) {
    statements.push(
      { Sid: "ReadOwnSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: secretArns },
      {
        Sid: "DecryptSecretsThroughSecretsManager",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [...spec.keys.secrets],
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
      },
    );
  }
  return statements;
}

/** Plain strings deduplicated; Outputs kept (two references to one store resolve to one ARN). */
function uniqueInputs(values: readonly pulumi.Input<string>[]): pulumi.Input<string>[] {
  const seen = new Set<unknown>();
  return values.filter((v) => (seen.has(v) ? false : (seen.add(v), true)));
}
