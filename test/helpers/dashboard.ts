/** A CloudWatch dashboard's body (its `dashboardBody` JSON), as far as the tests read it. */
export interface DashboardBody {
  widgets: { type: string; properties: { alarms?: string[]; title?: string; metrics?: unknown[][] } }[];
}
