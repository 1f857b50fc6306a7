import { price } from "./types";

/**
 * Prices that AWS lists as the same in every commercial region the platform uses, or that are
 * not regional at all (CloudFront is priced where the viewers are, Route 53 and WAF on
 * CloudFront are global). Both region files spread these in.
 */
export const globalPrices = {
  eks: {
    // Standard support; a version in extended support costs $0.60/h (the EKS tier validates versions).
    clusterHour: price(0.1, "hour", "awsList"),
  },
  publicIpv4Hour: price(0.005, "hour", "awsList", "every public IPv4 address since 2024-02-01, in use or idle"),
  kms: { keyMonth: price(1, "month", "awsList", "customer-managed key; requests beyond the 20,000 free are not modelled") },
  secretsManager: { secretMonth: price(0.4, "month", "awsList", "per secret and per replica; API calls are not modelled") },
  cloudwatchFlat: {
    metricMonth: price(0.3, "month", "awsList", "custom metric, first 10,000"),
    alarmStandardMetricMonth: price(0.1, "month", "awsList", "per metric in a standard-resolution alarm"),
    alarmHighResolutionMetricMonth: price(0.3, "month", "awsList", "per metric in a high-resolution (period < 60 s) alarm"),
    compositeAlarmMonth: price(0.5, "month", "awsList"),
    dashboardMonth: price(3, "month", "awsList", "the 3 free dashboards are not deducted"),
  },
  route53: {
    hostedZoneMonth: price(0.5, "month", "awsList", "first 25 zones"),
    queriesMillion: price(0.4, "million requests", "awsList", "standard queries; alias queries to AWS resources are free"),
    healthCheckMonth: price(0.5, "month", "awsList", "AWS endpoint"),
    healthCheckFeatureMonth: price(1, "month", "awsList", "per optional feature (HTTPS, string match, fast interval, latency), AWS endpoint"),
  },
  waf: {
    webAclMonth: price(5, "month", "awsList"),
    ruleMonth: price(1, "month", "awsList", "per rule, a managed rule group counts as one rule"),
    requestsMillion: price(0.6, "million requests", "awsList"),
  },
  lambda: {
    requestsMillion: price(0.2, "million requests", "awsList"),
    x86GbSecond: price(0.0000166667, "GB-second", "awsList"),
    arm64GbSecond: price(0.0000133334, "GB-second", "awsList"),
  },
  ecr: { storageGbMonth: price(0.1, "GB-month", "awsList") },
  cloudfront: {
    // The seeds' users are in Korea: CloudFront bills by the edge location that serves them.
    dataOutGb: price(0.12, "GB", "awsList", "viewers in South Korea (Asia Pacific price band), first 10 TB"),
    httpsRequests10k: price(0.012, "10k requests", "awsList", "HTTPS, Asia Pacific price band"),
  },
};
