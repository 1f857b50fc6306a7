import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { validatedCertificate } from "../edge/certificate";
import { TierComponent } from "../shared/tier";

/**
 * How the certificate is validated. ACM gives a name one validation CNAME for every certificate of
 * the account, in every region (terraform-provider-aws issue #13653: a second region's certificate
 * for a name asks for the record the first one already has), so exactly one stack owns the record:
 * the primary, deployed first. The standby's certificate is issued through that same record.
 */
export type FailoverCertificateValidation =
  /** The primary's side: this stack writes the validation record in the edge's zone. */
  | { readonly kind: "record"; readonly zoneId: pulumi.Input<string> }
  /**
   * The standby's side: validated by the primary's record, once the primary's outputs say it
   * serves this name (`failoverDomainName`), so a primary without it fails the update with that,
   * rather than ACM's 75-minute wait for a record that never comes.
   */
  | { readonly kind: "primary-record"; readonly primaryStack: string; readonly primaryDomainName: pulumi.Input<string> };

export interface FailoverCertificateArgs {
  /** `platform:dr.failover.domainName`. */
  readonly domainName: string;
  readonly validation: FailoverCertificateValidation;
}

/**
 * The failover name's certificate in this stack's region, for an EKS Ingress ALB: the load balancer
 * controller takes the Ingress's `alb.ingress.kubernetes.io/certificate-arn` list as the listener's
 * certificates (the first its default, the others added for SNI; AWS Load Balancer Controller docs,
 * "Ingress annotations", certificate-arn) and removes any other, so the certificate joins that list
 * instead of being attached to the listener from outside, as an ECS pair's is (failover.ts).
 */
export class FailoverCertificate extends TierComponent {
  /** The certificate's ARN once ACM has issued it: what the Ingress lists. */
  readonly arn: pulumi.Output<string>;
  /** The failover name it covers, which this stack's Ingress serves (published as `failoverDomainName`). */
  readonly domainName: string;

  constructor(name: string, args: FailoverCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dr", "FailoverCertificate", name, opts);
    const { validation, domainName } = args;
    this.domainName = domainName;
    if (validation.kind === "record") {
      this.arn = validatedCertificate(name, { zoneId: validation.zoneId, names: [{ key: "failover", domainName }] }, { parent: this }).arn;
    } else {
      const certificate = new aws.acm.Certificate(name, { domainName, validationMethod: "DNS", keyAlgorithm: "RSA_2048" }, { parent: this });
      const certificateArn = pulumi.all([certificate.arn, validation.primaryDomainName]).apply(([arn, served]) => {
        if (served !== domainName) {
          throw new Error(
            `stack ${validation.primaryStack} serves failover name ${served}, not ${domainName}: set its platform:dr.failover.domainName to ${domainName} and roll it out first (npm run rollout -- --stacks ${validation.primaryStack})`,
          );
        }
        return arn;
      });
      this.arn = new aws.acm.CertificateValidation(`${name}-validation`, { certificateArn }, { parent: this }).certificateArn;
    }
    this.registerOutputs({ arn: this.arn, domainName });
  }
}
