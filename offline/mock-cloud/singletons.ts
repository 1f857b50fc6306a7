/**
 * Resources an AWS account holds once per region, and which stack created each: the ledger is
 * shared by the renders of stacks that deploy into the same accounts (a rollout's, the tests'),
 * so a second stack that would create one fails its render as AWS (or the other stack) would.
 */
const singletons: Readonly<Record<string, string>> = {
  // CreateDetector answers "BadRequestException: The request is rejected because a detector already
  // exists for the current account" (hashicorp/terraform-provider-aws#11780).
  "aws:guardduty/detector:Detector": "GuardDuty keeps one detector per account and region: CreateDetector refuses a second",
  // PutReplicationConfiguration "creates or updates the replication configuration for a registry"
  // (ECR API reference): a second stack's configuration silently replaces the first one's rules,
  // and deleting either stack's clears them all. ECR does not refuse it; the mock does.
  "aws:ecr/replicationConfiguration:ReplicationConfiguration":
    "ECR keeps one replication configuration per registry (account and region): a second one would replace the first one's rules, and destroying either stack would clear them",
  // SetSMSAttributes sets the account's one set of SMS preferences in the region, and the provider's
  // delete resets every attribute to its default (internal/service/sns resourceSMSPreferencesDelete):
  // a second stack's spend limit silently replaces the first one's, and destroying either clears it.
  "aws:sns/smsPreferences:SmsPreferences":
    "SNS keeps one set of SMS preferences per account and region: a second stack's would replace the first one's spend limit, and destroying either stack would reset it to SNS's default",
};

export class SingletonLedger {
  private readonly owners = new Map<string, string>();

  /**
   * Records that `owner` (a stack's resource: `<stack>'s <name>`) creates a resource of `type` in
   * the account and region; throws when it is a per-account singleton that another resource, of
   * this stack or another, already is there. The same stack rendered again claims it again.
   */
  claim(type: string, accountId: string, region: string, owner: string): void {
    const why = singletons[type];
    if (!why) return;
    const key = `${type}|${accountId}|${region}`;
    const holder = this.owners.get(key);
    if (holder !== undefined && holder !== owner) {
      throw new Error(`${why}; account ${accountId} in ${region} already has one: ${holder}`);
    }
    this.owners.set(key, owner);
  }
}
