import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { unknownValue } from "../../../policies/lib/unknown";
import { cloudFrontTls, databaseTls, deniesInsecureTransport, isModernElbPolicy, lbTls, s3TlsOnly, sesTls } from "../../../policies/rules/transit";
import { doc, res, validate, validateStack } from "../../helpers/policy";

const cert = "arn:aws:acm:ap-northeast-2:123456789012:certificate/abcd";
const redirect = [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }];
const forward = [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:tg" }];

describe("policy: encryption in transit", () => {
  describe("lb-tls", () => {
    it("accepts TLS 1.2+ policies only", () => {
      for (const p of ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10"]) assert.ok(isModernElbPolicy(p), p);
      for (const p of ["ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-FS-2018-06"]) assert.ok(!isModernElbPolicy(p), p);
    });

    it("passes an HTTPS listener with a TLS 1.3 policy, an HTTP redirect and an NLB TLS listener (aws.lb and aws.alb tokens)", async () => {
      for (const r of [
        res(T.lbListener, "https", { port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: cert, defaultActions: forward }),
        res(T.albListener, "http", { port: 80, protocol: "HTTP", defaultActions: redirect }),
        res(T.lbListener, "ws", { port: 443, protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: unknownValue, defaultActions: forward }),
        res(T.awsxAlb, "alb", { listeners: [{ port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: cert }, { port: 80, protocol: "HTTP", defaultActions: redirect }] }),
      ]) {
        const outcome = await validate(lbTls, r);
        assert.deepEqual([outcome.violations, outcome.unknown], [[], undefined], r.name);
      }
    });

    it("fails weak policies, forwarding on port 80, plaintext TCP and awsx's default listener", async () => {
      const cases: [ReturnType<typeof res>, string[]][] = [
        [res(T.lbListener, "old", { port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08", certificateArn: cert, defaultActions: forward }), ["HTTPS with policy ELBSecurityPolicy-2016-08, which allows TLS 1.0/1.1: use ELBSecurityPolicy-TLS13-1-2-2021-06"]],
        [res(T.lbListener, "nopolicy", { port: 443, protocol: "HTTPS", defaultActions: forward }), ["HTTPS with the default policy, which allows TLS 1.0/1.1: use ELBSecurityPolicy-TLS13-1-2-2021-06", "HTTPS listener without certificateArn"]],
        [res(T.albListener, "http", { port: 80, protocol: "HTTP", defaultActions: forward }), ["plain HTTP on port 80 that does more than redirect to HTTPS"]],
        [res(T.lbListener, "tcp", { port: 8080, protocol: "TCP", defaultActions: forward }), ["plaintext TCP listener on port 8080: terminate TLS (protocol TLS with an ACM certificate)"]],
        [res(T.awsxAlb, "alb", {}), ["no listeners given: awsx creates a plain HTTP listener that forwards traffic"]],
      ];
      for (const [r, expected] of cases) assert.deepEqual((await validate(lbTls, r)).violations, expected, r.name);
    });

    it("fails a listener rule that forwards on the plain-HTTP listener, passes one on HTTPS", async () => {
      const http = res(T.lbListener, "http", { arn: "arn:listener/http", protocol: "HTTP", port: 80, defaultActions: redirect });
      const https = res(T.lbListener, "https", { arn: "arn:listener/https", protocol: "HTTPS", port: 443 });
      const onHttp = res(T.lbListenerRule, "api-on-http", { listenerArn: "arn:listener/http", actions: forward });
      const onHttps = res(T.lbListenerRule, "api", { listenerArn: "arn:listener/https", actions: forward });
      const outcome = await validateStack(lbTls, [http, https, onHttp, onHttps]);
      assert.deepEqual(outcome.violations, ["listener rule api-on-http on plain-HTTP listener http does more than redirect to HTTPS"]);
      assert.deepEqual(outcome.urns, [onHttp.urn]);
    });
  });

  describe("cloudfront-tls", () => {
    const good = {
      defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" },
      orderedCacheBehaviors: [{ pathPattern: "/api/*", viewerProtocolPolicy: "https-only" }],
      viewerCertificate: { acmCertificateArn: cert, minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
      origins: [
        { originId: "alb", domainName: "alb.example.com", customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"], httpPort: 80, httpsPort: 443 } },
        { originId: "assets", domainName: "assets.s3.amazonaws.com", originAccessControlId: "oac" },
      ],
    };
    it("passes HTTPS viewers, TLS 1.2_2021 and an HTTPS-only origin", async () => {
      assert.deepEqual((await validate(cloudFrontTls, res(T.distribution, "cdn", good))).violations, []);
    });
    it("fails plain-HTTP behaviours, the default certificate and weak origins", async () => {
      const bad = {
        ...good,
        orderedCacheBehaviors: [{ pathPattern: "/legacy/*", viewerProtocolPolicy: "allow-all" }],
        viewerCertificate: { cloudfrontDefaultCertificate: true },
        origins: [{ originId: "alb", customOriginConfig: { originProtocolPolicy: "match-viewer", originSslProtocols: ["TLSv1", "TLSv1.2"] } }],
      };
      assert.deepEqual((await validate(cloudFrontTls, res(T.distribution, "cdn", bad))).violations, [
        "behaviour /legacy/* allows plain HTTP (viewerProtocolPolicy allow-all)",
        "uses the *.cloudfront.net certificate, which accepts TLS 1.0: use an ACM certificate",
        "origin alb is fetched over match-viewer: use https-only",
        "origin alb accepts TLSv1: allow only TLSv1.2",
      ]);
      const old = { ...good, viewerCertificate: { acmCertificateArn: cert, minimumProtocolVersion: "TLSv1.1_2016" } };
      assert.deepEqual((await validate(cloudFrontTls, res(T.distribution, "cdn", old))).violations, ["viewer minimum protocol TLSv1.1_2016: use TLSv1.2_2021 or later"]);
    });
  });

  describe("s3-tls-only", () => {
    const arn = "arn:aws:s3:::files-1234567";
    const tlsOnly = doc({ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } });
    const bucket = res(T.bucket, "files", { id: "files-1234567", bucket: "files-1234567", arn });

    it("recognises the deny statement", () => {
      assert.equal(deniesInsecureTransport(tlsOnly), true);
      assert.equal(deniesInsecureTransport(doc({ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: `${arn}/*` })), false);
      assert.equal(deniesInsecureTransport(unknownValue), "unknown");
    });
    it("passes a bucket whose policy denies plaintext", async () => {
      assert.deepEqual((await validateStack(s3TlsOnly, [bucket, res(T.bucketPolicy, "files-policy", { bucket: "files-1234567", policy: tlsOnly })])).violations, []);
    });
    it("fails a bucket without such a policy", async () => {
      const outcome = await validateStack(s3TlsOnly, [bucket, res(T.bucketPolicy, "files-policy", { bucket: "files-1234567", policy: doc({ Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: arn }) })]);
      assert.deepEqual(outcome.violations, ["bucket files accepts plaintext HTTP: its policy does not deny aws:SecureTransport false"]);
    });
    it("leaves a policy that is unknown in a preview to be judged at up", async () => {
      const outcome = await validateStack(s3TlsOnly, [bucket, res(T.bucketPolicy, "files-policy", { bucket: "files-1234567", policy: unknownValue })]);
      assert.deepEqual(outcome.violations, []);
      assert.match(outcome.unknown ?? "", /files: its bucket policy/);
    });
  });

  describe("database-tls", () => {
    const pg = res(T.rdsParameterGroup, "pg", { name: "platform-prod-pg", family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] });
    const mysql = res(T.rdsClusterParameterGroup, "cpg", { name: "platform-prod-cpg", family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "ON" }] });
    it("passes databases whose parameter group forces TLS and Redis with required transit encryption", async () => {
      const outcome = await validateStack(databaseTls, [pg, mysql, res(T.rdsInstance, "db", { parameterGroupName: "platform-prod-pg" }), res(T.rdsCluster, "aurora", { dbClusterParameterGroupName: "platform-prod-cpg" })]);
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual((await validate(databaseTls, res(T.cacheReplicationGroup, "redis", { transitEncryptionEnabled: true, transitEncryptionMode: "required" }))).violations, []);
    });
    it("fails the default group, a group that allows plaintext, and Redis without or with optional TLS", async () => {
      const loose = res(T.rdsParameterGroup, "loose", { name: "loose", parameters: [{ name: "rds.force_ssl", value: "0" }] });
      const outcome = await validateStack(databaseTls, [
        loose,
        res(T.rdsInstance, "db", { engine: "postgres", engineVersion: "14.12" }),
        res(T.rdsInstance, "db2", { parameterGroupName: "loose" }),
        res(T.rdsCluster, "aurora", { dbClusterParameterGroupName: "elsewhere" }),
      ]);
      assert.deepEqual(outcome.violations, [
        "db uses the default parameter group of postgres 14.12, which accepts plaintext: set parameterGroupName to a group with rds.force_ssl=1 / require_secure_transport=ON",
        "db2: parameter group loose does not force TLS (rds.force_ssl=1 / require_secure_transport=ON, or a family whose default does)",
        "aurora: parameter group elsewhere is not part of this stack, so TLS cannot be verified",
      ]);
      assert.deepEqual((await validate(databaseTls, res(T.cacheReplicationGroup, "redis", {}))).violations, ["transit encryption is off: set transitEncryptionEnabled: true"]);
      assert.deepEqual((await validate(databaseTls, res(T.cacheReplicationGroup, "redis2", { transitEncryptionEnabled: true, transitEncryptionMode: "preferred" }))).violations, [
        "transitEncryptionMode preferred still accepts plaintext clients: use required",
      ]);
    });

    // AWS documents which engine versions force TLS on their default parameter group (policies/lib/database-tls.ts).
    it("judges the default parameter group by engine and version: RDS for PostgreSQL 15+ forces TLS, MySQL 8.4, MariaDB 11.4 and Aurora do not", async () => {
      const databases = [
        res(T.rdsInstance, "pg15", { engine: "postgres", engineVersion: "15.7" }),
        res(T.rdsInstance, "pg16", { engine: "postgres", engineVersion: "16.4" }),
        res(T.rdsInstance, "mariadb118", { engine: "mariadb", engineVersion: "11.8.2" }),
        res(T.rdsInstance, "pg14", { engine: "postgres", engineVersion: "14.12" }),
        res(T.rdsInstance, "mysql84", { engine: "mysql", engineVersion: "8.4.3" }),
        res(T.rdsInstance, "mariadb114", { engine: "mariadb", engineVersion: "11.4.5" }),
        res(T.rdsInstance, "unpinned", { engine: "postgres" }),
        res(T.rdsCluster, "aurora", { engine: "aurora-postgresql", engineVersion: "16.4" }),
      ];
      assert.deepEqual(
        (await validateStack(databaseTls, databases)).violations.map((v) => v.split(" uses ")[0]),
        ["pg14", "mysql84", "mariadb114", "unpinned", "aurora"],
      );
      // A group that leaves the setting alone inherits its family's default; one that turns it off does not.
      const inherits = res(T.rdsParameterGroup, "pg16-tuned", { name: "pg16-tuned", family: "postgres16", parameters: [{ name: "log_min_duration_statement", value: "500" }] });
      const pg14 = res(T.rdsParameterGroup, "pg14-tuned", { name: "pg14-tuned", family: "postgres14", parameters: [] });
      const outcome = await validateStack(databaseTls, [inherits, pg14, res(T.rdsInstance, "a", { parameterGroupName: "pg16-tuned" }), res(T.rdsInstance, "b", { parameterGroupName: "pg14-tuned" })]);
      assert.deepEqual(outcome.violations, ["b: parameter group pg14-tuned does not force TLS (rds.force_ssl=1 / require_secure_transport=ON, or a family whose default does)"]);
    });

    it("fails a parameter group that turns TLS off before anything uses it, and passes one that forces it", async () => {
      const off = res(T.rdsParameterGroup, "off", { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "0" }] });
      const mysqlOff = res(T.rdsClusterParameterGroup, "mysql-off", { family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "OFF" }] });
      for (const group of [off, mysqlOff]) {
        assert.deepEqual((await validate(databaseTls, group)).violations, ["turns TLS off (rds.force_ssl=0 / require_secure_transport=OFF): every database that uses it accepts plaintext"], group.name);
      }
      assert.deepEqual((await validate(databaseTls, pg)).violations, []);
    });
  });

  describe("ses-tls", () => {
    it("passes a configuration set that requires TLS and an identity with a default set", async () => {
      for (const r of [
        res(T.sesConfigurationSet, "set", { configurationSetName: "onno-prod-mail", deliveryOptions: { tlsPolicy: "REQUIRE" } }),
        res(T.sesIdentity, "identity", { emailIdentity: "onno.app", configurationSetName: "onno-prod-mail" }),
        res(T.sesIdentity, "later", { emailIdentity: "onno.app", configurationSetName: unknownValue }),
      ]) {
        const outcome = await validate(sesTls, r);
        assert.deepEqual(outcome.violations, [], r.name);
      }
    });

    it("fails optional or default TLS and an identity that sends without a set", async () => {
      const cases: [ReturnType<typeof res>, string[]][] = [
        [res(T.sesConfigurationSet, "optional", { configurationSetName: "a", deliveryOptions: { tlsPolicy: "OPTIONAL" } }), ["delivers with tlsPolicy OPTIONAL: SES may send the mail in the clear; set REQUIRE"]],
        [res(T.sesConfigurationSet, "default", { configurationSetName: "a" }), ["delivers with tlsPolicy OPTIONAL (the default): SES may send the mail in the clear; set REQUIRE"]],
        [
          res(T.sesIdentity, "bare", { emailIdentity: "onno.app" }),
          ["has no default configuration set: its mail leaves without the set's TLS requirement and feedback; set configurationSetName"],
        ],
      ];
      for (const [r, expected] of cases) assert.deepEqual((await validate(sesTls, r)).violations, expected, r.name);
    });
  });
});
