import { strict as assert } from "assert";
import { clusterIdHeader, eksToken, tokenPrefix } from "../../../automation/drill/aws/eks-token";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const signingDate = new Date(Date.UTC(2026, 11, 5, 17, 0, 0));
const decode = (token: string) => new URL(Buffer.from(token.slice(tokenPrefix.length), "base64url").toString("utf8"));

describe("drill: the EKS token (aws-iam-authenticator's format)", () => {
  it("is k8s-aws-v1. + base64url without padding of an STS GetCallerIdentity URL presigned in the cluster's region, signing x-k8s-aws-id", async () => {
    const token = await eksToken({ clusterName: "openmarket-prod", region: "ap-northeast-2", credentials, signingDate });
    assert.ok(token.startsWith("k8s-aws-v1."));
    assert.doesNotMatch(token, /[=+/]/, "base64url, no padding");
    const url = decode(token);
    assert.equal(url.host, "sts.ap-northeast-2.amazonaws.com");
    assert.equal(url.searchParams.get("Action"), "GetCallerIdentity");
    assert.equal(url.searchParams.get("Version"), "2011-06-15");
    assert.equal(url.searchParams.get("X-Amz-Algorithm"), "AWS4-HMAC-SHA256");
    assert.equal(url.searchParams.get("X-Amz-Credential"), "AKIDEXAMPLE/20261205/ap-northeast-2/sts/aws4_request");
    assert.equal(url.searchParams.get("X-Amz-Date"), "20261205T170000Z");
    assert.equal(url.searchParams.get("X-Amz-Expires"), "60");
    assert.equal(url.searchParams.get("X-Amz-SignedHeaders"), `host;${clusterIdHeader}`);
    assert.match(url.searchParams.get("X-Amz-Signature") ?? "", /^[0-9a-f]{64}$/);
  });

  it("binds the token to the cluster: another cluster's name signs differently", async () => {
    const a = await eksToken({ clusterName: "openmarket-prod", region: "ap-northeast-2", credentials, signingDate });
    const b = await eksToken({ clusterName: "openmarket-prod-dr", region: "ap-northeast-2", credentials, signingDate });
    assert.notEqual(decode(a).searchParams.get("X-Amz-Signature"), decode(b).searchParams.get("X-Amz-Signature"));
  });
});
