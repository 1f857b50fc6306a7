import type { AccountSettings } from "./account/settings";
import type { BackupSettings } from "./backup/settings";
import type { ComputeSettings } from "./compute/settings";
import type { CostSettings } from "./cost/settings";
import type { DataSettings } from "./data/settings";
import type { DrSettings } from "./dr/settings";
import type { EdgeSettings } from "./edge/settings";
import type { JobsSettings } from "./jobs/settings";
import type { SubnetPlan } from "./network/cidr-plan";
import type { NetworkSettings } from "./network/settings";
import type { MailSettings, SmsSettings } from "./messaging/settings";
import type { LogsSettings, ObservabilitySettings } from "./observability/settings";
import type { PolicySettings } from "./policy/settings";
import type { OfficeHoursSettings } from "./schedule/office-hours";
import type { AppSecretsSettings, SecuritySettings } from "./security/settings";
import type { DataProtection, StackRole } from "./stack";
import type { StorageSettings } from "./storage/settings";

/**
 * One stack's validated settings: what `config/` makes of `Pulumi.<stack>.yaml` and what
 * `components/platform/` maps onto each tier's Args. Every field is a `platform:<key>` entry of
 * the stack file (`region` is `aws:region`); docs/configuration.md describes each key.
 */
export interface PlatformSettings {
  /** The stack's AWS region (`aws:region`). */
  readonly region: string;
  /** Product name, e.g. `codemate`; prefixes every physical name. */
  readonly project: string;
  /** Environment name, e.g. `dev`, `prod`, `prod-dr`; the Environment tag and name suffix. */
  readonly environment: string;
  readonly role: StackRole;
  readonly dataProtection: DataProtection;
  /**
   * Protected resources whose replacement or deletion by this config's change is accepted, by
   * logical name or `<type>::<name>`: Pulumi `protect` is lifted on them, so the update can
   * replace them. Empty unless a change needs it; removed once the update is done.
   */
  readonly acknowledgedReplacements: readonly string[];
  /** Extra tags on every taggable resource, beside Project, Environment, Tier and ManagedBy. */
  readonly tags: Readonly<Record<string, string>>;
  /** The account every provider is held to; absent only where data is disposable (the ambient credentials' account). */
  readonly account?: AccountSettings;
  readonly logs: LogsSettings;
  readonly network: NetworkSettings;
  /** The subnet layout actually used: `network.subnets` when given, else the planner's. */
  readonly subnetPlan: SubnetPlan;
  readonly security: SecuritySettings;
  /** Absent in a stack that runs no services. */
  readonly compute?: ComputeSettings;
  readonly cost: CostSettings;
  /** Absent in a standby stack: its database is the DR tier's replica of the primary's. */
  readonly data?: DataSettings;
  readonly storage: StorageSettings;
  readonly jobs: JobsSettings;
  readonly observability?: ObservabilitySettings;
  readonly backup?: BackupSettings;
  readonly officeHours?: OfficeHoursSettings;
  readonly appSecrets: AppSecretsSettings;
  readonly edge?: EdgeSettings;
  /** The SES domain identity; absent when the stack sends no mail of its own domain. */
  readonly mail?: MailSettings;
  /** SMS through SNS; `preferences` only in the stack that owns the account's baseline. */
  readonly sms?: SmsSettings;
  readonly dr?: DrSettings;
  readonly policy: PolicySettings;
}
