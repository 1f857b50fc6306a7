import type * as pulumi from "@pulumi/pulumi";

/**
 * How a tier's log groups are kept: every group the platform creates (rather than letting a
 * service create it without retention or key) takes these.
 */
export interface LogGroupArgs {
  /** Days CloudWatch Logs keeps events: the stack's `platform:logs.retentionDays`. */
  readonly retentionDays: number;
  /** Encrypts the group: the security tier's logs key (the stack's own region's). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /**
   * Pulumi `protect` on the group where data is protected: log events are evidence (what a
   * service did, who connected to the database), gone with the group on a destroy or a replace.
   */
  readonly protect: boolean;
}
