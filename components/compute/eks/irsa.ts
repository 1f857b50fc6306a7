import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyJson, Statement } from "../../shared/iam";

/** The cluster's OIDC identity provider, as IRSA trust policies name it. */
export interface OidcProvider {
  /** The IAM OIDC provider's ARN: the trust policy's federated principal. */
  readonly arn: pulumi.Input<string>;
  /** Issuer without `https://`, e.g. `oidc.eks.ap-northeast-2.amazonaws.com/id/ABC...`. */
  readonly issuer: pulumi.Input<string>;
}

/** A Kubernetes service account that assumes an IAM role. */
export interface ServiceAccountRef {
  /** The service account's namespace. */
  readonly namespace: string;
  /** The service account's name. */
  readonly name: string;
}

/**
 * Trust policy of an IRSA role: only tokens the cluster issued for exactly this service account
 * (`sub`), minted for STS (`aud`), may assume it. The condition keys embed the issuer, so the
 * document is built once the issuer is known (no resource is created in here).
 */
export function irsaTrustPolicy(oidc: OidcProvider, account: ServiceAccountRef): pulumi.Output<string> {
  return pulumi.all([oidc.arn, oidc.issuer]).apply(([arn, issuer]) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: arn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${issuer}:sub`]: `system:serviceaccount:${account.namespace}:${account.name}`,
              [`${issuer}:aud`]: "sts.amazonaws.com",
            },
          },
        },
      ],
    }),
  );
}

export interface IrsaRoleArgs {
  /** The cluster's OIDC provider. */
  readonly oidc: OidcProvider;
  /** The one service account that may assume the role. */
  readonly serviceAccount: ServiceAccountRef;
  /** The role's description: who uses it. */
  readonly description: string;
  /** The role's only permissions, written out action by action. */
  readonly statements: readonly Statement[];
}

/** An IAM role for one service account, with one inline policy. */
export function irsaRole(name: string, args: IrsaRoleArgs, parent: pulumi.Resource): aws.iam.Role {
  const role = new aws.iam.Role(
    name,
    {
      description: args.description,
      assumeRolePolicy: irsaTrustPolicy(args.oidc, args.serviceAccount),
      maxSessionDuration: 3600,
    },
    { parent },
  );
  new aws.iam.RolePolicy(name, { role: role.name, policy: policyJson(args.statements) }, { parent });
  return role;
}
