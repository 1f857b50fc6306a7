/**
 * The Route 53 hosted zone of Application Load Balancers in each region: the `zoneId` of an alias
 * record whose target is an ALB's DNS name. AWS publishes one per region (AWS General Reference,
 * "Elastic Load Balancing endpoints and quotas", the Application Load Balancers column; the same
 * table as terraform-provider-aws internal/service/elbv2/hosted_zone_id_data_source.go,
 * HostedZoneIdPerRegionALBMap, which is all `aws.lb.getHostedZoneId` answers). A table rather than
 * that data source: an EKS Ingress's ALB is made by the load balancer controller, so its zone is
 * known from the region alone, as plain data a stack can publish and a config check can refuse.
 * Commercial regions only (the platform's accounts are commercial).
 */
export const albHostedZoneIds: Readonly<Record<string, string>> = {
  "af-south-1": "Z268VQBMOI5EKX",
  "ap-east-1": "Z3DQVH9N71FHZ0",
  "ap-northeast-1": "Z14GRHDCWA56QT",
  "ap-northeast-2": "ZWKZPGTI48KDX",
  "ap-northeast-3": "Z5LXEXXYW11ES",
  "ap-south-1": "ZP97RAFLXTNZK",
  "ap-south-2": "Z0173938T07WNTVAEPZN",
  "ap-southeast-1": "Z1LMS91P8CMLE5",
  "ap-southeast-2": "Z1GM3OXH4ZPM65",
  "ap-southeast-3": "Z08888821HLRG5A9ZRTER",
  "ca-central-1": "ZQSVJUPU6J1EY",
  "eu-central-1": "Z215JYRZR1TBD5",
  "eu-central-2": "Z06391101F2ZOEP8P5EB3",
  "eu-north-1": "Z23TAZ6LKFMNIO",
  "eu-south-1": "Z3ULH7SSC9OV64",
  "eu-south-2": "Z0956581394HF5D5LXGAP",
  "eu-west-1": "Z32O12XQLNTSW2",
  "eu-west-2": "ZHURV8PSTC4K8",
  "eu-west-3": "Z3Q77PNBQS71R4",
  "me-central-1": "Z08230872XQRWHG2XF6I",
  "me-south-1": "ZS929ML54UICD",
  "sa-east-1": "Z2P70J7HTTTPLU",
  "us-east-1": "Z35SXDOTRQ7X7K",
  "us-east-2": "Z3AADJGX6KTTL2",
  "us-west-1": "Z368ELLRRE2KJ0",
  "us-west-2": "Z1H1FL5HABSF5",
};

/** The ALB hosted zone of `region`; undefined for a region the table does not hold (a config error, never a guess). */
export function albHostedZoneId(region: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(albHostedZoneIds, region) ? albHostedZoneIds[region] : undefined;
}
