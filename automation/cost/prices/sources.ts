/**
 * Where the prices in this folder come from. Every price names one of these; the date is the day
 * the figure was read or entered. Nothing here was fetched from the network: this machine cannot
 * reach AWS. Refresh procedure: README, "Cost estimate".
 */
export interface PriceSource {
  /** What the figure is. */
  readonly name: string;
  /** Where to check it. */
  readonly where: string;
  /** When it was read (ISO date). */
  readonly read: string;
}

export const priceSources = {
  /**
   * On-demand list prices from AWS's public pricing pages, entered from the author's knowledge of
   * those pages (prices in effect through 2025). Not re-read on the entry date: treat them as the
   * best offline figure, and re-read them with the AWS Price List API before a budget decision.
   */
  awsList: {
    name: "AWS on-demand list price (Linux, no free tier, no discounts), from the public pricing pages",
    where: "https://aws.amazon.com/<service>/pricing/ and the AWS Price List API (aws pricing get-products)",
    read: "2026-11-21 (entered offline from prices in effect through 2025)",
  },
  /** A Seoul bill excerpt quoting list prices; it confirms three of the RDS figures. */
  seoulBill: {
    name: "ap-northeast-2 bill lines quoted verbatim (db.t2.micro MySQL $0.026/h, db.r5.large MySQL $0.285/h, gp2 $0.131/GB-month)",
    where: "https://programforlife.tistory.com/28",
    read: "2026-11-21",
  },
  /** Tokyo ELB prices quoted from the AWS page. */
  tokyoElbPage: {
    name: "ap-northeast-1 ELB prices quoted from the AWS page (ALB $0.0243/h, $0.008/LCU-h; NLB $0.0243/h, $0.006/NLCU-h)",
    where: "https://aws.darcy-it.com/elbのコスト料金/",
    read: "2026-11-21",
  },
  /**
   * Fargate Spot prices move with supply and demand (AWS publishes the current ones on the
   * Fargate page). Entered as 30 % of on-demand: the ratio of every published Spot price we have
   * seen (ap-southeast-2 $0.014568 vs $0.04856 per vCPU-hour; sa-east-1 $0.02337 vs $0.0696).
   */
  spotEstimate: {
    name: "estimate: Fargate Spot / EC2 Spot at 30 % of the on-demand price (AWS: 'up to 70 % off')",
    where: "https://aws.amazon.com/fargate/pricing/ (Fargate Spot table, changes over time)",
    read: "2026-11-21",
  },
} as const satisfies Record<string, PriceSource>;

export type SourceId = keyof typeof priceSources;
