/**
 * Where the prices in this folder come from. Every price names one of these, and every one says
 * which dataset, which file in it and the date of its data, so a figure can be traced and re-read.
 *
 * This machine cannot reach AWS. The figures were read on 2026-12-04 from public repositories that
 * hold AWS's own machine-generated price data (the pricing calculator's metered-unit maps and Price
 * List extracts), as stored offline; a price whose data no stored repository holds says so
 * (`unverified`). Re-read them with the AWS Price List API before a budget decision (docs/cost-model.md,
 * "Prices").
 */
export type SourceKind =
  /** AWS's own machine-generated price data, as a public repository holds it. */
  | "price-list"
  /** AWS's Price List API itself, read by `prices refresh` (each entry names its SKU and day). */
  | "price-list-api"
  /** A public page or bill that quotes AWS's price. */
  | "quoted"
  /** Our estimate of a price AWS does not fix (Spot), with what it is based on. */
  | "estimate"
  /** No stored copy of AWS's price data holds this item: entered from AWS's price page, not re-read. */
  | "unverified";

export interface PriceSource {
  readonly kind: SourceKind;
  /** The public dataset: a repository (`owner/name`), or the site that published the page. */
  readonly dataset: string;
  /** The file in that dataset (or the page's address), and the field that was read. */
  readonly file: string;
  /** The commit of the repository the file was read at. */
  readonly commit?: string;
  /**
   * The date of the data (ISO): the publication date AWS's data carries where the file has one
   * (`hawkFilePublicationDate`), else the commit date, else the day the page was read.
   */
  readonly date: string;
}

/** The Price List's publication date, as the calculator files carry it (`manifest.hawkFilePublicationDate`). */
const calculatorFile = "AWS pricing calculator metered-unit map";

export const priceSources = {
  ec2shopRdsOnDemand: {
    kind: "price-list",
    dataset: "yeo/ec2.shop",
    file: `data/rds/{ap-northeast-2,ap-northeast-1}-rds-{postgresql,mysql}-reservedinstance-{single,multi}-az-1y.json, field OnDemand:PricePerUnit (${calculatorFile})`,
    commit: "951cd0d425fd69949e3cec7db7e8238102e2a6f6",
    date: "2025-04-04",
  },
  ec2shopRdsReserved: {
    kind: "price-list",
    dataset: "yeo/ec2.shop",
    file: `data/rds/{ap-northeast-2,ap-northeast-1}-rds-{postgresql,mysql}-reservedinstance-{single,multi}-az-1y.json, "... 1 year No Upfront" rows, field price (${calculatorFile})`,
    commit: "74c9fd8ab5acfd9511cd6535f914d47071601ad2",
    date: "2025-04-04",
  },
  ec2shopElastiCacheReserved: {
    kind: "price-list",
    dataset: "yeo/ec2.shop",
    file: `data/elasticache/elasticache-reservedinstance-1 year-No Upfront-{ap-northeast-2,ap-northeast-1}-{Standard,Memory optimized}.json, field price; its OnDemand:PricePerUnit is the Redis OSS on-demand rate (${calculatorFile})`,
    commit: "74c9fd8ab5acfd9511cd6535f914d47071601ad2",
    date: "2024-10-07",
  },
  ec2shopRdsStorage: {
    kind: "price-list",
    dataset: "yeo/ec2.shop",
    file: `data/rds/rds-{postgresql,mysql}-ondemand.json, "Database Storage {Single,Multi} AZ General Purpose[-GP3]" and "Storage Snapshot" (${calculatorFile})`,
    commit: "44337592ba034dd0cdd1e71a1670b17f8c3f6002",
    date: "2024-09-28",
  },
  ec2shopElastiCache: {
    kind: "price-list",
    dataset: "yeo/ec2.shop",
    file: `data/elasticache/elasticache.json, "OnDemand Cache Instance ... {Redis,Valkey,Memcached}" (${calculatorFile})`,
    commit: "73696e380ae600b175f859850a726edebd1de72f",
    date: "2025-03-14",
  },
  ec2shopEc2: {
    kind: "price-list",
    dataset: "yeo/ec2.shop",
    file: `data/ec2/{ap-northeast-2,ap-northeast-1}-ondemand.json, Linux (${calculatorFile})`,
    commit: "73696e380ae600b175f859850a726edebd1de72f",
    date: "2025-04-04",
  },
  ec2shopEbs: {
    kind: "price-list",
    dataset: "yeo/ec2.shop",
    file: `data/ebs/ebs.json, "Storage General Purpose {gp2,gp3} GB Mo" (${calculatorFile})`,
    commit: "576c890f33ae177837e93499866aa04a0ac4fa89",
    date: "2024-07-18",
  },
  vantageRds: {
    kind: "price-list",
    dataset: "vantage-sh/ec2instances.info",
    file: 'www/rds/instances.json, pricing.<region>["Aurora MySQL" | "Aurora PostgreSQL"].ondemand (the newest version of the file the repository holds)',
    commit: "14ede5a54df6e33be6ccf96ae9cb60e168635844",
    date: "2021-08-03",
  },
  vantageCache: {
    kind: "price-list",
    dataset: "vantage-sh/ec2instances.info",
    file: 'www/cache/instances.json, pricing.<region>["Redis" | "Memcached"].ondemand',
    commit: "3e75a5dddbf4674d74ebeb06f46e4543c3a08b92",
    date: "2022-02-13",
  },
  awsPriceFargate: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/ecs.json, "[ARM ]perCPU per hour", "[ARM ]perGB per hour" (${calculatorFile})`,
    commit: "6e8bf8cec091840a2781d036646486419c057616",
    date: "2025-10-27",
  },
  awsPriceNatGateway: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/natgateway.json, "Hourly charge for NAT Gateways", "Charge for per GB data processed by NatGateways" (${calculatorFile})`,
    commit: "ce57d15e54b2958ec3deae2248d47ed931143b58",
    date: "2025-10-28",
  },
  awsPriceVpc: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/vpc.json, "Hourly charge for VPC Endpoints per Hrs", "... data processed by VPC Endpoints per GB from 0 to 1048576", "Hourly charge for {In use,Idle} Public IPv4 Addresses" (${calculatorFile})`,
    commit: "115fdc61c7093bb5f36554ed99888860e14b0700",
    date: "2025-11-04",
  },
  awsPriceRoute53: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/route53.json, "DNS Zone first 25", "Query Standard External first 1B", "Basic Health checks AWS per Mo", "Basic Health checks up to 50 AWS per Mo", "Optional Health Check Features AWS per Mo" (${calculatorFile})`,
    commit: "115fdc61c7093bb5f36554ed99888860e14b0700",
    date: "2025-08-28",
  },
  awsPriceCloudWatch: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/cloudwatch.json, "Logs Collected Data Ingestion", "Stored Data", "Metric for the first 10000", "Alarm {Standard,High Resolution,Composite}", "Dashboard Basic Dashboard" (${calculatorFile})`,
    commit: "115fdc61c7093bb5f36554ed99888860e14b0700",
    date: "2025-09-23",
  },
  awsPriceKms: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/kms.json, "Encryption Key" (${calculatorFile})`,
    commit: "115fdc61c7093bb5f36554ed99888860e14b0700",
    date: "2025-08-28",
  },
  awsPriceS3: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/s3.json, "Standard Storage First 50 TB", "Standard Infrequent Access Storage", "Glacier Instant Retrieval Storage", "Glacier Storage per GB Mo", "Lifecycle Transition Requests into Glacier per Requests", "PUT COPY/POST or LIST requests", "GET and all other requests" (${calculatorFile})`,
    commit: "6e8bf8cec091840a2781d036646486419c057616",
    date: "2025-10-22",
  },
  awsPriceLambda: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/lambda.json, "Lambda Requests", "Lambda Duration", "Lambda Duration-ARM" (${calculatorFile})`,
    commit: "6e8bf8cec091840a2781d036646486419c057616",
    date: "2025-10-30",
  },
  awsPriceSes: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/ses.json, "Asia Pacific (Seoul)" and "Asia Pacific (Tokyo)": "Email sent to an external recipient" (${calculatorFile})`,
    commit: "115fdc61c7093bb5f36554ed99888860e14b0700",
    date: "2025-11-03",
  },
  awsPriceEks: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/eks.json, "Compute per hours" (${calculatorFile})`,
    commit: "6e8bf8cec091840a2781d036646486419c057616",
    date: "2025-10-28",
  },
  awsPriceWaf: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/waf.json, "Web ACL Activated per Month", "Rule Activated per Month", "Web Requests received per Request" (${calculatorFile})`,
    commit: "115fdc61c7093bb5f36554ed99888860e14b0700",
    date: "2025-10-03",
  },
  awsPriceGuardDuty: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/guardduty.json, "CloudTrail Events Processed per Events", "VPC Flow Log and DNS Processed per First 500 GB" (${calculatorFile})`,
    commit: "115fdc61c7093bb5f36554ed99888860e14b0700",
    date: "2025-10-17",
  },
  awsPriceCloudFront: {
    kind: "price-list",
    dataset: "lamngockhuong/aws-price",
    file: `lib/data/pricing/cloudfront.json, "Asia Pacific": "Request HTTPS Methods" (${calculatorFile})`,
    commit: "6e8bf8cec091840a2781d036646486419c057616",
    date: "2025-07-01",
  },
  /** A Seoul bill excerpt quoting list prices; the older cross-check of three RDS figures. */
  seoulBill: {
    kind: "quoted",
    dataset: "programforlife.tistory.com",
    file: "https://programforlife.tistory.com/28 (bill lines: db.t2.micro MySQL $0.026/h, db.r5.large MySQL Single-AZ $0.285/h, gp2 $0.131/GB-month)",
    date: "2026-11-21",
  },
  /** Tokyo ELB prices quoted from AWS's page. */
  tokyoElbPage: {
    kind: "quoted",
    dataset: "aws.darcy-it.com",
    file: "https://aws.darcy-it.com/elbのコスト料金/ (ALB $0.0243/h and $0.008/LCU-h; NLB $0.0243/h and $0.006/NLCU-h)",
    date: "2026-11-21",
  },
  /**
   * CodeMate's design (seed 001), section 14, states its costs at "AWS's official prices as of
   * January 2025" for Seoul; where its line items are list prices (LCU, ECR, Secrets Manager) they
   * are quoted here.
   */
  codemateDesign: {
    kind: "quoted",
    dataset: "CodeMate design (seed 001)",
    file: "section 14, estimated cost (LCU $0.0240 for 3 LCUs; ECR $0.50 for 5 GB; 5 secrets $2.00)",
    date: "2025-01-01",
  },
  /**
   * Fargate Spot and EC2 Spot prices move with supply and demand; AWS publishes the current ones
   * on the Fargate page. Entered as 30 % of on-demand: the ratio of every published Spot price we
   * have seen (ap-southeast-2 $0.014568 vs $0.04856 per vCPU-hour; sa-east-1 $0.02337 vs $0.0696).
   */
  spotEstimate: {
    kind: "estimate",
    dataset: "AWS Fargate pricing page, Fargate Spot table (changes over time)",
    file: "https://aws.amazon.com/fargate/pricing/: 30 % of the on-demand price of the same region",
    date: "2026-11-21",
  },
  /**
   * Compute Savings Plans rates (1 year, no upfront) for Fargate, Lambda duration and EC2: no
   * stored copy of AWS's Savings Plans price list holds them, so they are the on-demand rate less
   * a discount read from AWS's Savings Plans pricing page, an estimate until `prices refresh` or the
   * page is re-read. Fargate 20 %, Lambda duration 12 % (requests are not covered), EC2 27 %.
   */
  computeSavingsPlanEstimate: {
    kind: "estimate",
    dataset: "AWS Compute Savings Plans pricing page (1 year, no upfront; changes over time)",
    file: "https://aws.amazon.com/savingsplans/compute-pricing/: on-demand less 20 % (Fargate), 12 % (Lambda duration), 27 % (EC2)",
    date: "2026-12-05",
  },
  /**
   * Figures `prices refresh` read from the AWS Price List API (GetProducts); each such entry
   * carries its service code, SKU and the day it was read (`listApi`), which is its date.
   */
  awsPriceListApi: {
    kind: "price-list-api",
    dataset: "AWS Price List API",
    file: "GetProducts, terms.OnDemand.<offer>.priceDimensions.<rate>.pricePerUnit.USD (each entry names its service code and SKU)",
    date: "2026-12-05",
  },
  /** Items no stored public repository holds AWS's data for: entered from AWS's pages, not re-read. */
  awsPageUnverified: {
    kind: "unverified",
    dataset: "AWS pricing pages (no stored copy of the Price List for these items offline)",
    file: "https://aws.amazon.com/<service>/pricing/ (each entry names its page)",
    date: "2026-11-21",
  },
} as const satisfies Record<string, PriceSource>;

export type SourceId = keyof typeof priceSources;
