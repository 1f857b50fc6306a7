import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The newest Amazon Linux 2023 arm64 image owned by Amazon. `minimal` has no SSM agent and suits
 * a host nobody logs into (the NAT instance); `standard` carries the agent (the bastion).
 * Instances built from it ignore later `ami` changes, so a new image never replaces a running host.
 */
export function amazonLinux2023Arm64(kind: "minimal" | "standard", opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
  return aws.ec2.getAmiOutput(
    {
      owners: ["amazon"],
      mostRecent: true,
      filters: [
        { name: "name", values: [kind === "minimal" ? "al2023-ami-minimal-*-arm64" : "al2023-ami-2023.*-arm64"] },
        { name: "architecture", values: ["arm64"] },
      ],
    },
    opts,
  ).id;
}
