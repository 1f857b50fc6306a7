import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** A name the certificate covers, with the stable key its validation record is named by. */
export interface CertificateName {
  /** What the name is for (the app's, the ALB's origin name, the NLB's): never a position. */
  readonly key: "app" | "origin" | "websocket" | "failover";
  /** The name itself. */
  readonly domainName: string;
}

export interface ValidatedCertificate {
  /** The certificate, before validation. */
  readonly certificate: aws.acm.Certificate;
  /** The ARN once ACM has issued the certificate; listeners and distributions use this one. */
  readonly arn: pulumi.Output<string>;
}

/**
 * An ACM certificate validated through DNS in the hosted zone: one CNAME per name, then the
 * validation resource that waits for ACM to issue it. The first name is the certificate's domain,
 * the others its alternative names. `opts.provider` picks the region (us-east-1 for CloudFront).
 *
 * ACM gives the same validation CNAME for a name in every region, so a name must be in one
 * certificate only (the config checks keep the edge's names distinct).
 */
export function validatedCertificate(
  name: string,
  args: { readonly zoneId: pulumi.Input<string>; readonly names: readonly CertificateName[] },
  opts: pulumi.CustomResourceOptions,
): ValidatedCertificate {
  const [primary, ...alternatives] = args.names;
  const certificate = new aws.acm.Certificate(
    name,
    {
      domainName: primary.domainName,
      subjectAlternativeNames: alternatives.map((n) => n.domainName),
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
    },
    opts,
  );
  const records = args.names.map((entry) => {
    const option = certificate.domainValidationOptions.apply((options) => {
      const match = options.find((o) => o.domainName === entry.domainName);
      if (!match) throw new Error(`ACM returned no validation record for ${entry.domainName}`);
      return match;
    });
    return new aws.route53.Record(
      `${name}-validation-${entry.key}`,
      {
        zoneId: args.zoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
      },
      // Route 53 records are global; keep the stack's provider rather than the certificate's.
      { parent: opts.parent },
    );
  });
  const validation = new aws.acm.CertificateValidation(
    `${name}-validation`,
    { certificateArn: certificate.arn, validationRecordFqdns: records.map((r) => r.fqdn) },
    opts,
  );
  return { certificate, arn: validation.certificateArn };
}
