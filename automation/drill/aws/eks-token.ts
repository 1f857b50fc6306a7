import { Sha256 } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/**
 * A bearer token for an EKS cluster's Kubernetes API, made as `aws eks get-token` and
 * aws-iam-authenticator make it (kubernetes-sigs/aws-iam-authenticator, pkg/token/token.go): an STS
 * GetCallerIdentity request presigned with SigV4, the cluster's name in the signed `x-k8s-aws-id`
 * header, the URL base64url-encoded without padding and prefixed `k8s-aws-v1.`. EKS hands the URL
 * to STS to learn the caller, and the signed header binds the token to this cluster.
 *
 * Signed with the AWS SDK's own SigV4 signer (@smithy/signature-v4, the one every SDK v3 client
 * uses) and its SHA-256 (@smithy/core/checksum): no signing code of ours.
 */

export const tokenPrefix = "k8s-aws-v1.";
export const clusterIdHeader = "x-k8s-aws-id";
/**
 * X-Amz-Expires: "IT IS IGNORED" by STS, which accepts the URL for 15 minutes after its X-Amz-Date;
 * the authenticator sets 60 "for legacy reasons" (token.go, requestPresignParam).
 */
const presignSeconds = 60;
/** "presigned STS urls are valid for 15 minutes after timestamp in x-amz-date" (token.go, presignedURLExpiration). */
export const tokenLifetimeMs = 15 * 60_000;

export interface EksTokenOptions {
  readonly clusterName: string;
  /** The cluster's region: the token is presigned for that region's STS endpoint, as `aws eks get-token` does. */
  readonly region: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The signing time (tests); now by default. */
  readonly signingDate?: Date;
}

export async function eksToken(options: EksTokenOptions): Promise<string> {
  const hostname = `sts.${options.region}.amazonaws.com`;
  const signer = new SignatureV4({ service: "sts", region: options.region, credentials: options.credentials, sha256: Sha256 });
  const signed = await signer.presign(
    {
      method: "GET",
      protocol: "https:",
      hostname,
      path: "/",
      query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
      headers: { host: hostname, [clusterIdHeader]: options.clusterName },
    },
    { expiresIn: presignSeconds, signingDate: options.signingDate },
  );
  const query = Object.entries(signed.query ?? {})
    .flatMap(([key, value]) => (Array.isArray(value) ? value.map((v) => [key, v]) : value === null ? [] : [[key, value]]))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
  const url = `https://${hostname}/?${query}`;
  return tokenPrefix + Buffer.from(url, "utf8").toString("base64url");
}
