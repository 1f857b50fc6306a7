import {
  EksEndpointSettings,
  maxPublicAccessCidrs,
  networkAddressProblem,
  nonInternetCidrProblem,
  prefixLength,
  protectedDeployerMinPrefix,
  publicEndpointCidrs,
} from "../../model/compute/eks/endpoint";

type Path = (string | number)[];

/**
 * Rules of `compute.eks.endpoint` (the why is model/compute/eks/endpoint.ts): whoever runs
 * `pulumi up` must reach the API, on the first deploy too; nobody else from the internet where
 * data is protected; only internet ranges, never all of it, and no more than EKS accepts.
 */
export function checkEksEndpoint(endpoint: EksEndpointSettings, dataProtection: "protected" | "disposable", issue: (path: Path, message: string) => void): void {
  const at = (...rest: Path): Path => ["eks", "endpoint", ...rest];
  for (const list of ["deployerCidrs", "publicAccessCidrs"] as const) {
    endpoint[list].forEach((cidr, i) => {
      if (/\/0$/.test(cidr)) {
        issue(at(list, i), `opens the Kubernetes API to the whole internet; list ${list === "deployerCidrs" ? "the CI runners' egress addresses" : "office or VPN ranges"}`);
        return;
      }
      const problem = networkAddressProblem(cidr) ?? nonInternetCidrProblem(cidr);
      if (problem) issue(at(list, i), problem);
    });
  }

  if (endpoint.deployerCidrs.length === 0 && endpoint.publicAccessCidrs.length === 0) {
    issue(
      at("deployerCidrs"),
      "is empty and so is publicAccessCidrs: the API endpoint would be private, yet pulumi up creates Helm releases, namespaces and Deployments " +
        "through it, and the VPC it sits in is created by this same stack, so nothing running pulumi up can be inside it (the first deploy " +
        "creates the cluster, then fails on every Kubernetes object); list the egress addresses of the CI runner that runs pulumi up " +
        "(its NAT or static IPs, e.g. 198.51.100.7/32): the public endpoint admits only them",
    );
  }

  if (dataProtection === "protected") {
    if (endpoint.publicAccessCidrs.length > 0) {
      issue(at("publicAccessCidrs"), "must be empty when dataProtection is protected: people reach the API through the VPC; list where pulumi up runs in deployerCidrs");
    }
    endpoint.deployerCidrs.forEach((cidr, i) => {
      const prefix = prefixLength(cidr);
      if (prefix !== undefined && prefix > 0 && prefix < protectedDeployerMinPrefix) {
        issue(at("deployerCidrs", i), `is a /${prefix} (${2 ** (32 - prefix)} addresses); a deployer range is at most a /${protectedDeployerMinPrefix} where dataProtection is protected: list the runners' own egress addresses`);
      }
    });
  }

  const ranges = publicEndpointCidrs(endpoint).length;
  if (ranges > maxPublicAccessCidrs) {
    issue(at(), `lists ${ranges} ranges; EKS accepts at most ${maxPublicAccessCidrs} public access CIDR ranges per cluster (a quota it does not raise)`);
  }
}
