import { price } from "./types";

/**
 * Prices the sources list alike for Seoul and Tokyo (each read for both regions), or that are not
 * regional at all (CloudFront is priced where the viewers are, Route 53 and WAF on CloudFront are
 * global). Both region files spread these in.
 */
export const globalPrices = {
  eks: {
    // Standard support; a version in extended support adds $0.50/h ("Compute ExtendedSupport per
    // Hours" in the same file), which the EKS tier avoids by validating versions.
    clusterHour: price(0.1, "hour", "awsPriceEks"),
  },
  publicIpv4Hour: price(0.005, "hour", "awsPriceVpc", "every public IPv4 address since 2024-02-01, in use or idle (both listed at $0.005)"),
  kms: { keyMonth: price(1, "month", "awsPriceKms", "customer-managed key; requests beyond the 20,000 free are not modelled") },
  ses: {
    emails1k: price(0.1, "1k emails", "awsPriceSes", "$0.0001 a message to an external recipient in both regions; attachments ($0.12/GB), dedicated IPs and the first year's free tier are not modelled"),
  },
  cloudwatchFlat: {
    metricMonth: price(0.3, "month", "awsPriceCloudWatch", "custom metric, first 10,000"),
    alarmStandardMetricMonth: price(0.1, "month", "awsPriceCloudWatch", "per metric in a standard-resolution alarm"),
    alarmHighResolutionMetricMonth: price(0.3, "month", "awsPriceCloudWatch", "per metric in a high-resolution (period < 60 s) alarm"),
    compositeAlarmMonth: price(0.5, "month", "awsPriceCloudWatch"),
    dashboardMonth: price(3, "month", "awsPriceCloudWatch", "listed under Any region; the 3 free dashboards are not deducted"),
  },
  route53: {
    hostedZoneMonth: price(0.5, "month", "awsPriceRoute53", "first 25 zones"),
    queriesMillion: price(0.4, "million requests", "awsPriceRoute53", "standard queries, first billion; alias queries to AWS resources are free"),
    // The price list's own wording: "Basic Health checks up to 50 AWS per Mo" at $0.00, then
    // "Basic Health checks AWS per Mo" at $0.50 (a non-AWS endpoint is $0.75).
    healthCheckMonth: price(0.5, "month", "awsPriceRoute53", {
      firstFree: 50,
      note: "health check on an AWS endpoint; the first 50 an account has are free",
    }),
    healthCheckFeatureMonth: price(1, "month", "awsPriceRoute53", "per optional feature (HTTPS, string match, fast interval, latency), AWS endpoint"),
  },
  waf: {
    webAclMonth: price(5, "month", "awsPriceWaf"),
    ruleMonth: price(1, "month", "awsPriceWaf", "per rule, a managed rule group counts as one rule"),
    requestsMillion: price(0.6, "million requests", "awsPriceWaf"),
  },
  lambda: {
    requestsMillion: price(0.2, "million requests", "awsPriceLambda"),
    x86GbSecond: price(0.0000166667, "GB-second", "awsPriceLambda", "first 6 billion GB-seconds"),
    arm64GbSecond: price(0.0000133334, "GB-second", "awsPriceLambda", "first 7.5 billion GB-seconds"),
  },
  xray: {
    // Traces retrieved and scanned ($0.50 a million, the first million free) are the console's
    // reads, not the workload's: left out.
    tracesRecordedMillion: price(5, "million traces", "awsPageUnverified", {
      firstFree: 0.1,
      note: "traces recorded, the same in every commercial region; the first 100,000 a month are free; https://aws.amazon.com/xray/pricing/",
    }),
  },
  cloudfront: {
    // The seeds' users are in Korea: CloudFront bills by the edge location that serves them.
    dataOutGb: price(0.12, "GB", "awsPageUnverified", "viewers in South Korea (Asia Pacific price band), first 10 TB; https://aws.amazon.com/cloudfront/pricing/"),
    httpsRequests10k: price(0.012, "10k requests", "awsPriceCloudFront", "HTTPS, Asia Pacific price band ($0.0000012 a request)"),
  },
};
