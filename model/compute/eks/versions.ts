/**
 * The Amazon EKS Kubernetes release calendar, as AWS publishes it:
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar
 * (1.29-1.34 from that table; 1.35 from the same page's later revision, as mirrored by
 * https://endoflife.date/amazon-eks). A version is under standard support for 14 months after its
 * EKS release, then under extended support (at six times the control-plane price) for 12 more;
 * after that EKS refuses new clusters and force-upgrades existing ones.
 *
 * Pure data and logic: no Pulumi imports, so the config schema can use it.
 */

export interface EksVersionDates {
  /** Day the version became available on EKS (UTC). */
  readonly released: string;
  readonly endOfStandardSupport: string;
  readonly endOfExtendedSupport: string;
}

export const eksVersionCalendar: Readonly<Record<string, EksVersionDates>> = {
  "1.28": { released: "2023-09-26", endOfStandardSupport: "2024-11-26", endOfExtendedSupport: "2025-11-26" },
  "1.29": { released: "2024-01-23", endOfStandardSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23" },
  "1.30": { released: "2024-05-23", endOfStandardSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23" },
  "1.31": { released: "2024-09-26", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
  "1.32": { released: "2025-01-23", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
  "1.33": { released: "2025-05-29", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
  "1.34": { released: "2025-10-02", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
  "1.35": { released: "2026-01-27", endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
};

/**
 * The day the calendar above was last checked against AWS's page. Validation judges versions as
 * of this day, not the wall clock, so a stack that renders today renders identically tomorrow;
 * whoever refreshes the table moves this date, and stale versions then fail loudly.
 */
export const eksCalendarReviewedOn = "2026-11-21";

/** EKS upgrade policy: STANDARD auto-upgrades at the end of standard support; EXTENDED pays to stay. */
export type EksSupportType = "STANDARD" | "EXTENDED";

/** Versions a new cluster may use on `asOf` under the given upgrade policy, oldest first. */
export function supportedEksVersions(supportType: EksSupportType, asOf: string = eksCalendarReviewedOn): string[] {
  return Object.entries(eksVersionCalendar)
    .filter(([, dates]) => dates.released <= asOf && asOf < (supportType === "STANDARD" ? dates.endOfStandardSupport : dates.endOfExtendedSupport))
    .map(([version]) => version)
    .sort(compareVersions);
}

/** Why a version cannot be used, or undefined when it can. */
export function eksVersionProblem(version: string, supportType: EksSupportType, asOf: string = eksCalendarReviewedOn): string | undefined {
  const supported = supportedEksVersions(supportType, asOf);
  if (supported.includes(version)) return undefined;
  const dates = eksVersionCalendar[version];
  const allowed = `(supported on ${asOf} under ${supportType} support: ${supported.join(", ")})`;
  if (!dates) return `is not a Kubernetes version EKS offers ${allowed}`;
  if (asOf >= dates.endOfExtendedSupport) return `reached the end of EKS extended support on ${dates.endOfExtendedSupport} ${allowed}`;
  if (supportType === "STANDARD" && asOf >= dates.endOfStandardSupport) {
    return `left EKS standard support on ${dates.endOfStandardSupport}; it needs supportType EXTENDED (extra cost) ${allowed}`;
  }
  return `is not released on EKS yet ${allowed}`;
}

export function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split(".").map(Number);
  const [bMajor, bMinor] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
