/** Encryption in transit: TLS 1.2+ at the edge, TLS-only buckets, databases and caches that refuse plaintext. */
import { parseDocument } from "../lib/policy-document";
import { PlatformRule, rule } from "../lib/rule";
import { StackResource, StackView } from "../lib/stack-view";
import { buckets, listenerRules, listeners, T } from "../lib/types";
import { defaultForcesTls, groupForcesTls, parseVersion, tlsSetting } from "../lib/database-tls";
import { containsUnknown, isUnknown } from "../lib/unknown";
import { list, present, text } from "../lib/values";

/** ELB security policies that refuse TLS 1.0 and 1.1 (the TLS13-1-2/1-3, TLS-1-2 and FS-1-2 families). */
export function isModernElbPolicy(policy: string): boolean {
  return /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-/.test(policy);
}

/** CloudFront viewer minimums of TLS 1.2 or later. */
export const modernCloudFrontMinimums = ["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

type Listener = { port?: number; protocol?: string; sslPolicy?: string; certificateArn?: string; defaultActions?: unknown };

/** Problems of one listener; `where` prefixes each message. */
function listenerProblems(l: Listener, where: string, unknown: (v: unknown, p: string) => boolean): string[] {
  if (unknown(l.protocol, `${where}protocol`)) return [];
  const protocol = (l.protocol ?? "HTTP").toUpperCase();
  if (protocol === "HTTPS" || protocol === "TLS") {
    const problems: string[] = [];
    if (!unknown(l.sslPolicy, `${where}sslPolicy`) && !isModernElbPolicy(l.sslPolicy ?? "")) {
      problems.push(`${where}${protocol} with ${l.sslPolicy ? `policy ${l.sslPolicy}` : "the default policy"}, which allows TLS 1.0/1.1: use ELBSecurityPolicy-TLS13-1-2-2021-06`);
    }
    if (!present(l.certificateArn)) problems.push(`${where}${protocol} listener without certificateArn`);
    return problems;
  }
  if (protocol === "HTTP") {
    return redirectsOnly(l.defaultActions, unknown, `${where}defaultActions`) ? [] : [`${where}plain HTTP on port ${l.port ?? 80} that does more than redirect to HTTPS`];
  }
  return [`${where}plaintext ${protocol} listener on port ${l.port ?? "?"}: terminate TLS (protocol TLS with an ACM certificate)`];
}

function redirectsOnly(actions: unknown, unknown: (v: unknown, p: string) => boolean, path: string): boolean {
  if (unknown(actions, path)) return true;
  const all = list<{ type?: string; redirect?: { protocol?: string } }>(actions);
  return all.length > 0 && all.every((a) => a?.type === "redirect" && a.redirect?.protocol === "HTTPS");
}

export const lbTls = rule({
  name: "lb-tls",
  description: "Load balancer listeners terminate TLS 1.2+ with a certificate; plain HTTP only redirects to HTTPS.",
  theme: "transit",
  scope: "mandatory",
  fix: "HTTPS/TLS listeners with sslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06 and an ACM certificate; port 80 with a single redirect action to HTTPS.",
  controls: { checkov: ["CKV_AWS_2",  "CKV_AWS_103",  "CKV2_AWS_20"], awsguard: ["alb-http-to-https-redirection"] },
  types: [...listeners, T.awsxAlb, T.awsxNlb],
  checkResource(r, c) {
    if (r.type === T.awsxAlb || r.type === T.awsxNlb) {
      if (c.unknown(r.props.listeners, "listeners") || c.unknown(r.props.listener, "listener")) return;
      const all = [...list<Listener>(r.props.listeners), ...list<Listener>(r.props.listener)];
      if (all.length === 0) c.report("no listeners given: awsx creates a plain HTTP listener that forwards traffic");
      all.forEach((l, i) => listenerProblems(l, `listeners[${i}]: `, c.unknown).forEach((m) => c.report(m)));
      return;
    }
    listenerProblems(r.props, "", c.unknown).forEach((m) => c.report(m));
  },
  checkStack(stack, c) {
    // Rules on a plain-HTTP listener must not forward either.
    for (const ruleResource of stack.ofType(...listenerRules)) {
      const link = stack.link(ruleResource, "listenerArn", listeners);
      if (!link.known) {
        c.undecided(`${ruleResource.name}: its listener`);
        continue;
      }
      const plain = link.targets.filter((l) => {
        const protocol = l.props.protocol ?? "HTTP";
        return typeof protocol === "string" && protocol.toUpperCase() === "HTTP";
      });
      if (plain.length > 0 && !redirectsOnly(ruleResource.props.actions, c.unknown, `${ruleResource.name}.actions`)) {
        c.report(`listener rule ${ruleResource.name} on plain-HTTP listener ${plain[0].name} does more than redirect to HTTPS`, ruleResource.urn);
      }
    }
  },
});

/** What the check reads of a CloudFront cache behaviour. */
interface CacheBehaviour {
  readonly pathPattern?: unknown;
  readonly viewerProtocolPolicy?: unknown;
}

/** What the check reads of a distribution's viewer certificate. */
interface ViewerCertificate {
  readonly cloudfrontDefaultCertificate?: unknown;
  readonly minimumProtocolVersion?: unknown;
}

/** What the check reads of a distribution's origin. */
interface Origin {
  readonly originId?: unknown;
  readonly customOriginConfig?: { readonly originProtocolPolicy?: unknown; readonly originSslProtocols?: unknown };
}

export const cloudFrontTls = rule({
  name: "cloudfront-tls",
  description: "CloudFront serves viewers over HTTPS with TLS 1.2+ and fetches from custom origins over HTTPS only.",
  theme: "transit",
  scope: "mandatory",
  fix: "viewerProtocolPolicy redirect-to-https on every behaviour; an ACM certificate with minimumProtocolVersion TLSv1.2_2021; custom origins with originProtocolPolicy https-only and originSslProtocols [\"TLSv1.2\"].",
  controls: { cdkNag: ["AwsSolutions-CFR4",  "AwsSolutions-CFR5"], checkov: ["CKV_AWS_34",  "CKV_AWS_174",  "CKV2_AWS_42",  "CKV2_AWS_54",  "CKV2_AWS_72"] },
  types: [T.distribution],
  checkResource(r, c) {
    const p = r.props;
    if (["defaultCacheBehavior", "orderedCacheBehaviors", "viewerCertificate", "origins"].some((key) => c.unknown(p[key], key))) return;
    const behaviours = [{ label: "default behaviour", b: p.defaultCacheBehavior as CacheBehaviour | undefined }, ...list<CacheBehaviour | undefined>(p.orderedCacheBehaviors).map((b) => ({ label: `behaviour ${text(b?.pathPattern)}`, b }))];
    for (const { label, b } of behaviours) {
      const policy = b?.viewerProtocolPolicy;
      if (!c.unknown(policy, `${label}.viewerProtocolPolicy`) && policy !== "redirect-to-https" && policy !== "https-only") {
        c.report(`${label} allows plain HTTP (viewerProtocolPolicy ${text(policy ?? "unset")})`);
      }
    }
    const cert = (p.viewerCertificate ?? {}) as ViewerCertificate;
    const minimum = cert.minimumProtocolVersion;
    if (cert.cloudfrontDefaultCertificate === true) c.report("uses the *.cloudfront.net certificate, which accepts TLS 1.0: use an ACM certificate");
    else if (!c.unknown(minimum, "viewerCertificate.minimumProtocolVersion") && !(typeof minimum === "string" && modernCloudFrontMinimums.includes(minimum))) {
      c.report(`viewer minimum protocol ${text(minimum ?? "unset")}: use TLSv1.2_2021 or later`);
    }
    for (const origin of list<Origin | undefined>(p.origins)) {
      const custom = origin?.customOriginConfig;
      if (!custom) continue;
      const originId = text(origin.originId);
      if (!c.unknown(custom.originProtocolPolicy, `origin ${originId}.originProtocolPolicy`) && custom.originProtocolPolicy !== "https-only") {
        c.report(`origin ${originId} is fetched over ${text(custom.originProtocolPolicy)}: use https-only`);
      }
      const weak = list<string>(custom.originSslProtocols).filter((v) => v !== "TLSv1.2" && !isUnknown(v));
      if (weak.length > 0) c.report(`origin ${originId} accepts ${weak.join(", ")}: allow only TLSv1.2`);
    }
  },
});

/** The bucket policy denies every request made without TLS, for the bucket and its objects. */
export function deniesInsecureTransport(policy: unknown): boolean | "unknown" {
  const parsed = parseDocument(policy);
  if (parsed.kind === "unknown") return "unknown";
  if (parsed.kind !== "document") return false;
  const denies = parsed.statements.some((s) => {
    if (s.effect !== "Deny" || !s.principal?.anyone) return false;
    if (!s.actions.some((a) => a === "*" || a.toLowerCase() === "s3:*")) return false;
    const secure = Object.entries(s.conditions).find(([op]) => op.toLowerCase() === "bool")?.[1];
    const value = secure && Object.entries(secure).find(([k]) => k.toLowerCase() === "aws:securetransport")?.[1];
    const objects = s.resources.some((r) => r === "*" || r.endsWith("/*") || isUnknown(r));
    return !!value && value.map((v) => v.toLowerCase()).includes("false") && objects;
  });
  if (denies) return true;
  // A statement with unknown parts might be the deny once the values are known.
  return parsed.statements.some((s) => s.unknownParts.length > 0) ? "unknown" : false;
}

export const s3TlsOnly = rule({
  name: "s3-tls-only",
  description: "Every bucket's policy denies requests not made over TLS (aws:SecureTransport false).",
  theme: "transit",
  scope: "mandatory",
  fix: "Add a BucketPolicy with a Deny on s3:* for the bucket and bucket/* when aws:SecureTransport is false (SecureBucket does).",
  controls: { cdkNag: ["AwsSolutions-S10"], checkov: ["CKV_AWS_379"], cis: ["2.1.1"] },
  checkStack(stack, c) {
    for (const bucket of stack.ofType(...buckets)) {
      const inline = deniesInsecureTransport(bucket.props.policy);
      if (inline === true) continue;
      const { sources, unknown } = stack.linkedTo(bucket, [T.bucketPolicy], "bucket");
      const verdicts = sources.map((s) => deniesInsecureTransport(s.props.policy));
      if (verdicts.includes(true)) continue;
      if (verdicts.includes("unknown") || inline === "unknown" || unknown.length > 0) c.undecided(`${bucket.name}: its bucket policy`);
      else c.report(`bucket ${bucket.name} accepts plaintext HTTP: its policy does not deny aws:SecureTransport false`, bucket.urn);
    }
  },
});

/** Parameter-group settings that make the engine refuse unencrypted connections. */
export function forcesTls(parameters: unknown): boolean {
  return tlsSetting(parameters) === "on";
}

type Reporter = { report(m: string, u: string): void; undecided(w: string): void };

/** A database on its engine's default parameter group: forced by the engine's documented default, or not. */
function judgeDefaultGroup(db: StackResource, property: string, c: Reporter) {
  const engine = db.props.engine;
  const version = db.props.engineVersion;
  if (isUnknown(engine) || isUnknown(version)) return c.undecided(`${db.name}: engine and engineVersion`);
  const parsed = typeof version === "string" ? parseVersion(version) : undefined;
  if (typeof engine === "string" && defaultForcesTls(engine, parsed)) return;
  const which = `${text(engine ?? "the engine")}${version ? ` ${text(version)}` : " (no engineVersion: AWS's default, unknown here)"}`;
  c.report(`${db.name} uses the default parameter group of ${which}, which accepts plaintext: set ${property} to a group with rds.force_ssl=1 / require_secure_transport=ON`, db.urn);
}

function judgeParameterGroup(stack: StackView, db: StackResource, property: string, groupTypes: readonly string[], c: Reporter) {
  if (!present(db.props[property])) return judgeDefaultGroup(db, property, c);
  const link = stack.link(db, property, groupTypes);
  if (!link.known) return c.undecided(`${db.name}: ${property}`);
  if (link.targets.length === 0) {
    c.report(`${db.name}: parameter group ${text(db.props[property])} is not part of this stack, so TLS cannot be verified`, db.urn);
    return;
  }
  if (link.targets.some((g) => groupForcesTls(g.props))) return;
  if (link.targets.some((g) => containsUnknown(g.props.parameters) || isUnknown(g.props.family))) return c.undecided(`${db.name}: parameters of ${link.targets[0].name}`);
  c.report(`${db.name}: parameter group ${link.targets[0].name} does not force TLS (rds.force_ssl=1 / require_secure_transport=ON, or a family whose default does)`, db.urn);
}

export const databaseTls = rule({
  name: "database-tls",
  description:
    "Databases refuse plaintext connections (a parameter group forcing TLS, or an engine version whose default does: RDS for PostgreSQL 15+); no parameter group turns TLS off; Redis encrypts in transit and requires it.",
  theme: "transit",
  scope: "mandatory",
  fix: "RDS/Aurora: a parameter group with rds.force_ssl=1 (PostgreSQL) or require_secure_transport=ON (MySQL, MariaDB), or RDS for PostgreSQL 15+ on its default group; Redis: transitEncryptionEnabled: true, transitEncryptionMode required.",
  controls: { cdkNag: ["AwsSolutions-AEC3"], checkov: ["CKV_AWS_30", "CKV_AWS_31", "CKV2_AWS_69"] },
  types: [T.cacheReplicationGroup, T.cacheCluster, T.rdsParameterGroup, T.rdsClusterParameterGroup],
  checkResource(r, c) {
    const p = r.props;
    if (r.type === T.rdsParameterGroup || r.type === T.rdsClusterParameterGroup) {
      // A group that turns TLS off is wrong before anything uses it (attaching it is one line away).
      if (c.unknown(p.parameters, "parameters")) return;
      if (tlsSetting(p.parameters) === "off") c.report("turns TLS off (rds.force_ssl=0 / require_secure_transport=OFF): every database that uses it accepts plaintext");
      return;
    }
    if (c.unknown(p.transitEncryptionEnabled, "transitEncryptionEnabled")) return;
    if (p.transitEncryptionEnabled !== true) c.report("transit encryption is off: set transitEncryptionEnabled: true");
    else if (p.transitEncryptionMode === "preferred") c.report("transitEncryptionMode preferred still accepts plaintext clients: use required");
  },
  checkStack(stack, c) {
    for (const instance of stack.ofType(T.rdsInstance)) {
      judgeParameterGroup(stack, instance, "parameterGroupName", [T.rdsParameterGroup], c);
    }
    for (const cluster of stack.ofType(T.rdsCluster)) {
      judgeParameterGroup(stack, cluster, "dbClusterParameterGroupName", [T.rdsClusterParameterGroup], c);
    }
  },
});

/**
 * SES delivers to the recipient's mail server in plain text when no TLS connection can be made,
 * unless the configuration set says REQUIRE: then it delivers only over TLS (SES API v2 reference,
 * DeliveryOptions.TlsPolicy). An identity sends without a set unless it has a default
 * one, so every identity names its set.
 */
export const sesTls = rule({
  name: "ses-tls",
  description: "SES configuration sets require TLS on delivery, and every SES identity sends through a default configuration set.",
  theme: "transit",
  scope: "mandatory",
  fix: "deliveryOptions: { tlsPolicy: REQUIRE } on the configuration set; configurationSetName on the email identity (platform:mail builds both).",
  types: [T.sesConfigurationSet, T.sesIdentity],
  checkResource(r, c) {
    if (r.type === T.sesConfigurationSet) {
      const options = r.props.deliveryOptions as { tlsPolicy?: unknown } | undefined;
      if (c.unknown(options, "deliveryOptions") || c.unknown(options?.tlsPolicy, "deliveryOptions.tlsPolicy")) return;
      if (options?.tlsPolicy !== "REQUIRE") c.report(`delivers with tlsPolicy ${options?.tlsPolicy === undefined ? "OPTIONAL (the default)" : text(options.tlsPolicy)}: SES may send the mail in the clear; set REQUIRE`);
      return;
    }
    if (c.unknown(r.props.configurationSetName, "configurationSetName")) return;
    if (!present(r.props.configurationSetName)) c.report("has no default configuration set: its mail leaves without the set's TLS requirement and feedback; set configurationSetName");
  },
});

export const transitRules: readonly PlatformRule[] = [lbTls, cloudFrontTls, s3TlsOnly, databaseTls, sesTls];
