/**
 * Office hours (`platform:officeHours`): outside them the ECS services scale to zero, EKS node
 * groups to zero and the database stops; EventBridge Scheduler starts them again when the day begins.
 */
export interface OfficeHoursSettings {
  readonly enabled: boolean;
  /** cron() day-of-week values the platform runs, e.g. `MON-FRI`. */
  readonly days: string;
  /** Start of the day, `hh:mm` in `timezone`. */
  readonly start: string;
  /** End of the day, `hh:mm` in `timezone`. */
  readonly stop: string;
  /** IANA time zone. */
  readonly timezone: string;
}

/** The database starts this long before the services need it (a cold start takes minutes). */
export const databaseLeadMinutes = 30;
/** And stops this long after the services have drained. */
export const databaseLagMinutes = 15;
